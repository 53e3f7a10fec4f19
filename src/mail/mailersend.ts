import { setTimeout as delay } from 'node:timers/promises';
// The package root only exports `MailerSend`, whose constructor hard-codes
// https://api.mailersend.com/v1 and hands it to every sub-module at construction time (its
// `baseUrl` is TypeScript-private; changing it afterwards changes nothing). `EmailModule` is the
// class behind `mailerSend.email`, takes the base URL as a constructor argument, and is reachable
// because the package has no "exports" map. Should a release move it, this import fails loudly
// at build time instead of silently sending to the real API.
import { EmailModule } from 'mailersend/lib/modules/Email.module.js';
import { ZdlError } from '../errors.js';
import { describeFailure, MailerSendTimeout, type DeliveryFailure } from './mailersend-failure.js';
import type {
  EmailAttempt,
  Mailbox,
  Mailer,
  MailMessage,
  MailResult,
  Notice,
  RecordAttempt,
  Sleep,
} from './message.js';
import { buildEmailParams } from './payload.js';

export interface MailerSendOptions {
  apiKey: string;
  /** e.g. https://api.mailersend.com/v1 (the SDK appends /email). */
  apiUrl: string;
  from: Mailbox;
  recordAttempt: RecordAttempt;
  sleep?: Sleep;
  onNotice?: Notice;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The SDK sets no timeout at all; without one a stalled connection hangs the CLI. */
  timeoutMs?: number;
  /**
   * How long one send may wait in all for MailerSend's rate limit (429) to lift (default 2 min,
   * enough for a per-minute window). `zdl serve` gives less: its e-mails leave in the background.
   */
  maxRateLimitWaitMs?: number;
  /** Milliseconds since the epoch (tests move it with their fake sleep). */
  now?: () => number;
}

const DEFAULTS = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  maxRateLimitWaitMs: 120_000,
};

const defaultSleep: Sleep = (ms) => delay(ms);

/** Exponential backoff, 1 s, 2 s, 4 s…, never above maxDelayMs; Retry-After wins when given. */
function computeRetryDelay(attempt: number, failure: DeliveryFailure, baseDelayMs: number, maxDelayMs: number): number {
  const wanted = failure.retryAfterMs ?? baseDelayMs * 2 ** (attempt - 1);
  return Math.min(Math.max(0, wanted), maxDelayMs);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MailerSendTimeout(timeoutMs)), timeoutMs);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function readWarnings(body: unknown): unknown[] | undefined {
  const warnings = (body as { warnings?: unknown } | null)?.warnings;
  return Array.isArray(warnings) && warnings.length > 0 ? warnings : undefined;
}

/**
 * A 202 whose warnings say the recipient is on MailerSend's suppression list (hard bounce, spam
 * complaint, unsubscribe, blocklist) was accepted but will never be delivered: ALL_SUPPRESSED, or
 * SOME_SUPPRESSED naming our recipient (we send to one address).
 */
function findSuppression(warnings: unknown[], to: string): string | undefined {
  for (const w of warnings) {
    const { type, recipients } = (w ?? {}) as { type?: unknown; recipients?: unknown };
    if (typeof type !== 'string' || !type.endsWith('_SUPPRESSED')) continue;
    const listed = Array.isArray(recipients) ? recipients : [];
    const ours = listed.find((r) => String((r as { email?: unknown })?.email ?? '').toLowerCase() === to.toLowerCase());
    if (type !== 'ALL_SUPPRESSED' && !ours) continue;
    const reasons = (ours as { reasons?: unknown } | undefined)?.reasons;
    const why = Array.isArray(reasons) && reasons.length > 0 ? ` : ${reasons.map(String).join(', ')}` : '';
    return `${type}${why}`;
  }
  return undefined;
}

/** Short French summary for the log: the warning types (e.g. ALL_SUPPRESSED), not the recipients. */
function summarizeWarnings(warnings: unknown[]): string {
  const types = warnings.map((w) => {
    const { type, warning } = (w ?? {}) as { type?: unknown; warning?: unknown };
    return typeof type === 'string' ? type : typeof warning === 'string' ? warning : 'inconnu';
  });
  return `accepté avec avertissements MailerSend : ${[...new Set(types)].join(', ')}`;
}

export function createMailerSendMailer(options: MailerSendOptions): Mailer {
  const settings = {
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? DEFAULTS.maxRateLimitWaitMs,
  };
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const email = new EmailModule(options.apiKey, options.apiUrl);

  // A failing log write must not turn a delivered e-mail into an error: the caller would
  // retry and the person would receive two codes.
  async function record(attempt: EmailAttempt): Promise<void> {
    try {
      await options.recordAttempt(attempt);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.onNotice?.(
        `Journal des e-mails indisponible (tentative ${attempt.attempt} vers ${attempt.to} non enregistrée) : ${reason}`,
      );
    }
  }

  // Once MailerSend says 429, every send of this mailer waits for the same moment (or fails at
  // once if that is beyond its budget) instead of each one hammering the API and piling up.
  let rateLimitedUntil = 0;

  function mailFailed(message: MailMessage, text: string, details: Record<string, unknown>): ZdlError {
    return new ZdlError('MAIL_FAILED', 'operational', `Envoi de l'e-mail à ${message.to.email} impossible : ${text}.`, {
      details: { ...details, template: message.template },
    });
  }

  function rateLimitText(until: number): string {
    const at = new Date(until).toISOString().slice(11, 19);
    return `MailerSend limite le nombre d'envois (HTTP 429) jusqu'à ${at} UTC ; réessayez ensuite`;
  }

  async function send(message: MailMessage): Promise<MailResult> {
    const params = buildEmailParams(options.from, message);
    const base = { to: message.to.email, personId: message.personId ?? null, template: message.template };
    const startedAt = now();
    const waitFor = async (until: number, attempt: number): Promise<void> => {
      if (until - startedAt > settings.maxRateLimitWaitMs) {
        throw mailFailed(message, rateLimitText(until), { statusCode: 429, attempts: attempt });
      }
      await sleep(Math.max(0, until - now()));
    };
    for (let attempt = 1, failures = 0; ; attempt += 1) {
      if (rateLimitedUntil > now()) await waitFor(rateLimitedUntil, attempt - 1);
      let response: Awaited<ReturnType<EmailModule['send']>>;
      try {
        response = await withTimeout(email.send(params), settings.timeoutMs);
      } catch (error) {
        const failure = describeFailure(error, options.apiUrl, now());
        await record({ ...base, status: 'failed', providerMessageId: null, attempt, error: failure.message });
        if (failure.rateLimited) {
          rateLimitedUntil = Math.max(rateLimitedUntil, now() + (failure.retryAfterMs ?? 0));
          await waitFor(rateLimitedUntil, attempt);
          continue;
        }
        failures += 1;
        if (!failure.retryable || failures >= settings.maxAttempts) {
          const suffix = failure.retryable ? ` ; abandon après ${attempt} tentative${attempt > 1 ? 's' : ''}` : '';
          throw mailFailed(message, `${failure.message}${suffix}`, {
            statusCode: failure.statusCode,
            attempts: attempt,
          });
        }
        await sleep(computeRetryDelay(failures, failure, settings.baseDelayMs, settings.maxDelayMs));
        continue;
      }
      const headers = (response.headers ?? {}) as Record<string, string | undefined>;
      const messageId = headers['x-message-id'] || undefined;
      const warnings = readWarnings(response.body);
      const suppressed = warnings ? findSuppression(warnings, message.to.email) : undefined;
      if (suppressed) {
        // Accepted, but MailerSend will not deliver it: a failure for the log and for the admin.
        const text = `MailerSend n'envoie plus rien à cette adresse (liste de suppression, ${suppressed}) ; vérifiez l'adresse ou retirez-la de la liste dans MailerSend`;
        await record({ ...base, status: 'failed', providerMessageId: messageId ?? null, attempt, error: text });
        throw mailFailed(message, text, { statusCode: 202, attempts: attempt, suppressed: true });
      }
      const note = warnings ? summarizeWarnings(warnings) : null;
      await record({ ...base, status: 'sent', providerMessageId: messageId ?? null, attempt, error: note });
      if (note) options.onNotice?.(`E-mail à ${message.to.email} ${note}`);
      return { status: 'sent', ...(messageId ? { messageId } : {}), ...(warnings ? { warnings } : {}) };
    }
  }

  return { kind: 'mailersend', send };
}
