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

// TLS failures (Node's OpenSSL codes): the server could not be authenticated, or spoke no TLS.
const TLS_CAUSES: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'certificat du serveur non reconnu (autorité inconnue)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificat du serveur non reconnu (auto-signé)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificat du serveur non reconnu (autorité inconnue)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificat du serveur non reconnu (autorité inconnue)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificat du serveur non reconnu (autorité inconnue)',
  CERT_SIGNATURE_FAILURE: 'certificat du serveur non reconnu (signature invalide)',
  CERT_HAS_EXPIRED: 'certificat du serveur expiré',
  CERT_NOT_YET_VALID: 'certificat du serveur pas encore valide',
  CERT_REVOKED: 'certificat du serveur révoqué',
  ERR_TLS_CERT_ALTNAME_INVALID: 'nom d’hôte différent du certificat',
  ERR_SSL_WRONG_VERSION_NUMBER: 'le serveur ne parle pas TLS',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'le serveur ne parle pas TLS',
};

export function isTlsFailure(code: string): boolean {
  return code in TLS_CAUSES;
}

export function describeTlsCause(code: string): string | undefined {
  return TLS_CAUSES[code];
}

export function describeNetworkCause(code: string): string | undefined {
  return NETWORK_CAUSES[code];
}
