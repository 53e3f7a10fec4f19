// Turns whatever the MailerSend SDK rejected with into a delivery decision and a French sentence.
// The SDK rejects with plain `{ statusCode, headers, body }` objects for HTTP errors and with
// gaxios errors (no statusCode) when no response arrived. Never keep the raw gaxios error: its
// `config.data` still holds the e-mail body, i.e. the code/token we are delivering.

import { describeNetworkCause } from '../network-errors.js';

export interface DeliveryFailure {
  retryable: boolean;
  /** From Retry-After (or the rate-limit headers for a 429), uncapped; the caller applies its own ceiling. */
  retryAfterMs: number | undefined;
  /** A 429: retried within the mailer's rate-limit budget, not its attempt count. */
  rateLimited?: boolean;
  statusCode: number | undefined;
  /** French, safe to log and show: no request body, no API key. */
  message: string;
}

export class MailerSendTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`MailerSend did not answer within ${timeoutMs} ms`);
  }
}

interface HttpRejection {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

const MAX_DETAIL = 300;

function isHttpRejection(error: unknown): error is HttpRejection {
  return (
    typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number'
  );
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * When a 429 may be retried. Retry-After first (RFC 9110 §10.2.3, RFC 6585 §4); else the
 * rate-limit reset header, which APIs send either as seconds to wait or as a Unix time; else,
 * with the window spent (x-ratelimit-remaining: 0) or no hint at all, a whole minute, because
 * MailerSend's windows are per minute (and per day): retrying after 1–2 s only burns attempts.
 */
function rateLimitDelayMs(headers: Record<string, string | undefined> | undefined, now = Date.now()): number {
  const retryAfter = parseRetryAfter(headers?.['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = headers?.['x-ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) {
    const value = Number(reset);
    return value > 1_000_000_000 ? Math.max(0, value * 1000 - now) : value * 1000;
  }
  return 60_000;
}

/** MailerSend errors look like `{ message, errors: { "from.email": ["…"] } }`. */
function describeBody(body: unknown): string {
  if (typeof body === 'string') return body.trim().slice(0, MAX_DETAIL);
  if (typeof body !== 'object' || body === null) return '';
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (typeof message === 'string' && message.trim() !== '') parts.push(message.trim());
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, messages] of Object.entries(errors)) {
      const list = Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [];
      for (const text of list) if (!parts.includes(text)) parts.push(`${field} : ${text}`);
    }
  }
  const joined = parts.join(' ; ');
  return joined.length > MAX_DETAIL ? `${joined.slice(0, MAX_DETAIL - 1)}…` : joined;
}

/** fetch wraps the socket error (`code`) one or two `cause`s deep. */
function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeHttp(rejection: HttpRejection, now: number): DeliveryFailure {
  const status = rejection.statusCode;
  const detail = describeBody(rejection.body);
  const withDetail = (text: string) => (detail === '' ? text : `${text} : ${detail}`);
  const base = { statusCode: status, retryAfterMs: undefined };
  if (status === 401 || status === 403) {
    return {
      ...base,
      retryable: false,
      message: withDetail(`MailerSend refuse la clé d'API (HTTP ${status}) ; vérifiez MAILERSEND_API_KEY`),
    };
  }
  if (status === 422) {
    return { ...base, retryable: false, message: withDetail(`MailerSend a refusé le message (HTTP 422)`) };
  }
  if (status === 429) {
    return {
      ...base,
      retryable: true,
      retryAfterMs: rateLimitDelayMs(rejection.headers, now),
      rateLimited: true,
      message: `MailerSend limite le nombre d'envois (HTTP 429)`,
    };
  }
  if (status >= 500) {
    return { ...base, retryable: true, message: withDetail(`MailerSend est indisponible (HTTP ${status})`) };
  }
  return { ...base, retryable: false, message: withDetail(`MailerSend a refusé la demande (HTTP ${status})`) };
}

export function describeFailure(error: unknown, apiUrl: string, now = Date.now()): DeliveryFailure {
  if (isHttpRejection(error)) return describeHttp(error, now);
  const base = { retryable: true, retryAfterMs: undefined, statusCode: undefined };
  if (error instanceof MailerSendTimeout) {
    return { ...base, message: `MailerSend n'a pas répondu en ${Math.round(error.timeoutMs / 1000)} s (${apiUrl})` };
  }
  const code = findErrorCode(error);
  const cause = code === undefined ? 'erreur réseau' : `${describeNetworkCause(code) ?? 'erreur réseau'}, ${code}`;
  return { ...base, message: `Impossible de joindre MailerSend à ${apiUrl} (${cause})` };
}
