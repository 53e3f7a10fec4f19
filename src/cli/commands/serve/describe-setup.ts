import type { Config } from '../../../config.js';
import type { Database } from '../../../db/client.js';
import { mailAudience } from '../../../mail/live-mail.js';

/**
 * What `zdl serve` serves, one French line per fact, printed at start so that a wrong variable
 * (an outbox in production, the embedded database on a server) shows in the first lines of the log.
 */
export function describeServeSetup(config: Config, db: Pick<Database, 'kind' | 'location'>): string[] {
  const audience = mailAudience(config);
  const mail = config.mail.apiKey
    ? `MailerSend (${config.mail.apiUrl}), expéditeur ${config.mail.from}${audience.live ? '' : ' — aucun e-mail réel'}`
    : `boîte locale ${config.mail.outboxDir} (aucun e-mail réel)`;
  return [
    `URL publique (liens des e-mails) : ${config.publicUrl}`,
    `Base de données : ${db.kind === 'embedded' ? `intégrée, ${db.location}` : `serveur PostgreSQL ${db.location}`}`,
    `E-mails : ${mail}`,
    `Google : ${config.google ? `activé (${config.google.issuer})` : 'désactivé'}`,
    `Proxy de confiance (ZDL_TRUST_PROXY) : ${config.trustProxy ? 'oui, X-Forwarded-For est lu' : 'non, l’adresse du client est celle de la connexion'}`,
  ];
}
