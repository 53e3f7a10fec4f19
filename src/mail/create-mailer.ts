import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { assertMailCanLeave } from './live-mail.js';
import { createMailerSendMailer } from './mailersend.js';
import type { Mailer, Notice, RecordAttempt, Sleep } from './message.js';
import { createOutboxMailer } from './outbox.js';
import { parseMailbox } from './parse-mailbox.js';

export interface MailerDeps {
  recordAttempt: RecordAttempt;
  sleep?: Sleep;
  onNotice?: Notice;
  clock?: Clock;
  /** Total wait allowed for MailerSend's rate limit per e-mail (see mailersend.ts). */
  maxRateLimitWaitMs?: number;
}

/**
 * MailerSend when a key is configured; otherwise the local outbox, except in production where a
 * silently unsent invitation would look like a lost e-mail to the person waiting for it. Real
 * e-mails with unreachable links or sender are refused (live-mail.ts).
 */
export function createMailer(config: Config, deps: MailerDeps): Mailer {
  assertMailCanLeave(config);
  const from = parseMailbox(config.mail.from);
  if (config.mail.apiKey) {
    return createMailerSendMailer({
      apiKey: config.mail.apiKey,
      apiUrl: config.mail.apiUrl,
      from,
      recordAttempt: deps.recordAttempt,
      sleep: deps.sleep,
      onNotice: deps.onNotice,
      maxRateLimitWaitMs: deps.maxRateLimitWaitMs,
    });
  }
  deps.onNotice?.(
    `MAILERSEND_API_KEY absent : les e-mails ne sont pas envoyés, ils sont écrits dans ${config.mail.outboxDir}`,
  );
  return createOutboxMailer({
    dir: config.mail.outboxDir,
    from,
    recordAttempt: deps.recordAttempt,
    clock: deps.clock,
    onNotice: deps.onNotice,
  });
}
