// French words for the socket errors both the database and MailerSend clients run into.
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connexion refusée',
  ECONNRESET: 'connexion interrompue',
  ENOTFOUND: 'hôte inconnu',
  EAI_AGAIN: 'hôte inconnu (DNS)',
  EHOSTUNREACH: 'hôte injoignable',
  ENETUNREACH: 'réseau injoignable',
  ETIMEDOUT: 'délai dépassé',
  EPIPE: 'connexion interrompue',
  UND_ERR_CONNECT_TIMEOUT: 'délai de connexion dépassé',
  UND_ERR_SOCKET: 'connexion interrompue',
};

export function describeNetworkCause(code: string): string | undefined {
  return NETWORK_CAUSES[code];
}
