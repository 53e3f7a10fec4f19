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
}

const DEFAULTS = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 30_000, timeoutMs: 30_000 };

export const defaultSleep: Sleep = (ms) => delay(ms);

/** Exponential backoff, 1 s, 2 s, 4 s…, never above maxDelayMs; Retry-After wins when given. */
export function computeRetryDelay(
  attempt: number,
  failure: DeliveryFailure,
  baseDelayMs: number,
  maxDelayMs: number,
): number {
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
  };
  const sleep = options.sleep ?? defaultSleep;
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

  async function send(message: MailMessage): Promise<MailResult> {
    const params = buildEmailParams(options.from, message);
    const base = { to: message.to.email, personneId: message.personneId ?? null, template: message.template };
    for (let attempt = 1; ; attempt += 1) {
      let response: Awaited<ReturnType<EmailModule['send']>>;
      try {
        response = await withTimeout(email.send(params), settings.timeoutMs);
      } catch (error) {
        const failure = describeFailure(error, options.apiUrl);
        await record({ ...base, status: 'failed', providerMessageId: null, attempt, error: failure.message });
        if (!failure.retryable || attempt >= settings.maxAttempts) {
          const suffix = failure.retryable ? ` ; abandon après ${attempt} tentative${attempt > 1 ? 's' : ''}` : '';
          throw new ZdlError(
            'MAIL_FAILED',
            'operational',
            `Envoi de l'e-mail à ${message.to.email} impossible : ${failure.message}${suffix}.`,
            {
              details: { statusCode: failure.statusCode, attempts: attempt, template: message.template },
            },
          );
        }
        await sleep(computeRetryDelay(attempt, failure, settings.baseDelayMs, settings.maxDelayMs));
        continue;
      }
      const headers = (response.headers ?? {}) as Record<string, string | undefined>;
      const messageId = headers['x-message-id'] || undefined;
      const warnings = readWarnings(response.body);
      const note = warnings ? summarizeWarnings(warnings) : null;
      await record({ ...base, status: 'sent', providerMessageId: messageId ?? null, attempt, error: note });
      if (note) options.onNotice?.(`E-mail à ${message.to.email} ${note}`);
      return { status: 'sent', ...(messageId ? { messageId } : {}), ...(warnings ? { warnings } : {}) };
    }
  }

  return { kind: 'mailersend', send };
}
