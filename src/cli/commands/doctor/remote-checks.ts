import type { Config } from '../../../config.js';
import { broken, type Check, describeError, fine, warn } from './checks.js';

// The two services zdl talks to, asked without side effects: MailerSend's API quota (read-only,
// not counted against the quota, 401 for a bad key) and the OpenID issuer's discovery document.

const TIMEOUT_MS = 5_000;

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    headers: { Accept: 'application/json', ...headers },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body: unknown = await response.json().catch(() => undefined);
  return { status: response.status, body: (body ?? {}) as Record<string, unknown> };
}

export async function checkMailerSendKey(config: Config): Promise<Check> {
  if (!config.mail.apiKey) return fine('mailersend_key', 'sans objet (MAILERSEND_API_KEY absente)');
  const url = `${config.mail.apiUrl}/api-quota`;
  try {
    const { status, body } = await getJson(url, { Authorization: `Bearer ${config.mail.apiKey}` });
    if (status === 200) {
      const left =
        typeof body.remaining === 'number' && typeof body.quota === 'number'
          ? ` : ${body.remaining}/${body.quota} requêtes restantes aujourd’hui`
          : '';
      return fine('mailersend_key', `clé acceptée par MailerSend${left}`);
    }
    if (status === 401)
      return broken('mailersend_key', 'MailerSend refuse la clé (401) : MAILERSEND_API_KEY est fausse ou révoquée');
    if (status === 403)
      return warn(
        'mailersend_key',
        'clé reconnue, mais sans droit de lire le quota (403) : impossible de vérifier davantage',
      );
    if (status === 429)
      return warn('mailersend_key', 'MailerSend limite les requêtes (429) : quota du jour atteint ou trop de requêtes');
    return broken('mailersend_key', `réponse inattendue de ${url} : HTTP ${status}`);
  } catch (error) {
    return broken('mailersend_key', `${url} injoignable : ${describeError(error)}`);
  }
}

export async function checkGoogle(config: Config): Promise<Check> {
  if (!config.google) return fine('google', 'désactivé (ZDL_GOOGLE_CLIENT_ID / ZDL_GOOGLE_CLIENT_SECRET absents)');
  const { issuer } = config.google;
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  try {
    const { status, body } = await getJson(url);
    if (status !== 200 || typeof body.authorization_endpoint !== 'string') {
      return broken(
        'google',
        `découverte OpenID de ${issuer} en échec (HTTP ${status}) : « Continuer avec Google » serait indisponible`,
      );
    }
    return fine('google', `activé (${issuer}), découverte OpenID joignable`);
  } catch (error) {
    return broken(
      'google',
      `${url} injoignable : ${describeError(error)} ; « Continuer avec Google » serait indisponible`,
    );
  }
}
