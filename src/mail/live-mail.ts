import type { Config } from '../config.js';
import { ZdlError } from '../errors.js';
import { matchMailbox } from './parse-mailbox.js';
import { isLoopbackHost, reservedSuffix } from './reserved-hosts.js';

// An invitation whose link points at localhost or at a name that does not exist is worse than no
// e-mail: the person clicks, gets nothing, and the code is spent on a dead end. When e-mails reach
// real people, zdl refuses to start or send with such links (Keycloak's production mode refuses to
// start without a hostname for the same reason).

/** Whether e-mails would reach real people, and why (the reason is shown to the admin). */
export interface MailAudience {
  live: boolean;
  reason: string;
}

export function mailAudience(config: Config): MailAudience {
  if (config.production) return { live: true, reason: 'NODE_ENV=production' };
  if (!config.mail.apiKey) return { live: false, reason: 'boîte locale (MAILERSEND_API_KEY absente)' };
  // MailerSend is never on this machine: an API URL on a loopback address is a stand-in (the fake
  // of the tests, a lab's capture server), and nothing it receives reaches a person. Any other URL,
  // the default https://api.mailersend.com/v1 first, counts as real.
  if (isLoopbackHost(new URL(config.mail.apiUrl).hostname)) {
    return {
      live: false,
      reason: `MAILERSEND_API_URL sur cette machine (${config.mail.apiUrl}) : un MailerSend de test`,
    };
  }
  return { live: true, reason: 'MailerSend configuré (MAILERSEND_API_KEY)' };
}

export interface PublicUrlProblem {
  /** This machine, a name that does not exist, or plain http on a public host. */
  reason: 'loopback' | 'reserved' | 'http';
  message: string;
}

/** Why links built on ZDL_PUBLIC_URL would not open, or not safely, for a recipient. */
export function publicUrlProblem(config: Config): PublicUrlProblem | undefined {
  const url = new URL(config.publicUrl);
  if (isLoopbackHost(url.hostname)) {
    return {
      reason: 'loopback',
      message: `${config.publicUrl} désigne cette machine : les liens ne s’ouvriraient chez aucun destinataire`,
    };
  }
  if (url.protocol !== 'https:' && !config.allowInsecurePublicUrl) {
    return {
      reason: 'http',
      message: `${config.publicUrl} est en http : les liens des e-mails doivent être en https (ZDL_ALLOW_INSECURE_PUBLIC_URL=true pour un essai en réseau local)`,
    };
  }
  const reserved = reservedSuffix(url.hostname);
  if (reserved) {
    return {
      reason: 'reserved',
      message: `${config.publicUrl} est un nom réservé (${reserved}) qui n’existe pas sur Internet`,
    };
  }
  return undefined;
}

/** Why ZDL_MAIL_FROM cannot be a real sender (replies bounce, providers refuse it), or undefined. */
export function senderProblem(config: Config): string | undefined {
  const email = matchMailbox(config.mail.from)?.email ?? config.mail.from;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (isLoopbackHost(domain)) return `${email} : le domaine ${domain} désigne cette machine`;
  const reserved = reservedSuffix(domain);
  if (reserved) return `${email} : le domaine ${domain} est réservé (${reserved}) et n’existe pas sur Internet`;
  return undefined;
}

/**
 * Throws unless e-mails can leave as configured: in production a key is required (no silent local
 * outbox), and real e-mails need a reachable public URL and a real sender domain. Called before a
 * command writes anything it would then mail, and when a mailer is made.
 */
export function assertMailCanLeave(config: Config): void {
  if (config.production && !config.mail.apiKey) {
    throw new ZdlError(
      'MAIL_NOT_CONFIGURED',
      'operational',
      "MAILERSEND_API_KEY manque : en production (NODE_ENV=production), zdl n'écrit pas les e-mails dans une boîte d'envoi locale. " +
        "Définissez MAILERSEND_API_KEY avec une clé d'API MailerSend autorisée à envoyer des e-mails, puis relancez.",
    );
  }
  const audience = mailAudience(config);
  if (!audience.live) return;
  const problems: [string, string | undefined][] = [
    ['ZDL_PUBLIC_URL', publicUrlProblem(config)?.message],
    ['ZDL_MAIL_FROM', senderProblem(config)],
  ];
  const found = problems.filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (found.length === 0) return;
  const lines = found.map(([name, problem]) => `  ${name} : ${problem}`);
  throw new ZdlError(
    'MAIL_LINKS_UNSAFE',
    'usage',
    `Envoi refusé : les e-mails iraient à de vraies personnes (${audience.reason}), mais\n${lines.join('\n')}\n` +
      'Définissez ZDL_PUBLIC_URL=https://<adresse publique des pages> et ZDL_MAIL_FROM="Nom <adresse@votre-domaine>", puis relancez.',
    { details: { variables: found.map(([name]) => name) } },
  );
}
