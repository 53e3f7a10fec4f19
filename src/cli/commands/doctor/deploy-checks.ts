import type { Config } from '../../../config.js';
import { mailAudience, publicUrlProblem, senderProblem } from '../../../mail/live-mail.js';
import { isLoopbackHost } from '../../../mail/reserved-hosts.js';
import { broken, type Check, fine, warn } from './checks.js';

// The production checklist of the README (« Déployer ») that needs no network: the same rules
// zdl serve and the sending commands apply (src/mail/live-mail.ts), told in advance.

/** ✗ when real e-mails would carry the link (they are refused); ⚠ while e-mails stay local. */
export function checkPublicUrl(config: Config): Check {
  const audience = mailAudience(config);
  const problem = publicUrlProblem(config);
  if (problem === undefined) {
    return new URL(config.publicUrl).protocol === 'https:'
      ? fine('public_url', config.publicUrl)
      : warn(
          'public_url',
          `${config.publicUrl} en http, accepté par ZDL_ALLOW_INSECURE_PUBLIC_URL=true (un essai, pas la production)`,
        );
  }
  if (audience.live)
    return broken('public_url', `${problem.message} ; e-mails réels (${audience.reason}) : envois refusés`);
  // Plain http on a public host stays broken: the pages themselves (passwords) would travel in clear.
  if (problem.reason === 'http') return broken('public_url', problem.message);
  return warn('public_url', `${problem.message} (sans gravité tant que les e-mails restent dans la boîte locale)`);
}

export function checkSender(config: Config): Check {
  const problem = senderProblem(config);
  if (problem === undefined) return fine('sender', config.mail.from);
  const audience = mailAudience(config);
  if (audience.live) return broken('sender', `${problem} ; e-mails réels (${audience.reason}) : envois refusés`);
  return warn(
    'sender',
    `${problem} : définissez ZDL_MAIL_FROM="Nom <adresse@votre-domaine>" avant d’envoyer de vrais e-mails`,
  );
}

export function checkAppUrl(config: Config): Check {
  return config.appUrl
    ? fine('app_url', config.appUrl)
    : warn('app_url', 'ZDL_APP_URL absente : une fois leur accès prêt, les personnes ne savent pas où se connecter');
}

export function checkContact(config: Config): Check {
  return config.contact
    ? fine('contact', config.contact)
    : warn('contact', 'ZDL_CONTACT absent : les pages disent « adressez-vous à un administrateur » sans dire lequel');
}

/**
 * zdl serve speaks plain HTTP: an https public URL means a proxy in front, whose address every
 * client would share in the rate limits without ZDL_TRUST_PROXY; and with ZDL_TRUST_PROXY but no
 * proxy, any client picks its address in X-Forwarded-For and escapes the limits.
 */
export function checkTrustProxy(config: Config): Check {
  const url = new URL(config.publicUrl);
  const direct = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (config.trustProxy && direct) {
    return warn(
      'trust_proxy',
      `ZDL_TRUST_PROXY=true mais ${config.publicUrl} est servie sans proxy : X-Forwarded-For peut être inventé par le client`,
    );
  }
  if (!config.trustProxy && url.protocol === 'https:') {
    return warn(
      'trust_proxy',
      `${config.publicUrl} est en https, donc derrière un proxy (zdl serve ne parle que HTTP) : mettez ZDL_TRUST_PROXY=true, sinon tous les visiteurs partagent l’adresse du proxy dans les limites de débit`,
    );
  }
  return fine(
    'trust_proxy',
    config.trustProxy ? 'X-Forwarded-For lu (derrière un proxy)' : 'adresse de la connexion (pas de proxy)',
  );
}
