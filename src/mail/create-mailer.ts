import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ZdlError } from '../errors.js';
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
 * silently unsent invitation would look like a lost e-mail to the person waiting for it.
 */
export function createMailer(config: Config, deps: MailerDeps): Mailer {
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
  if (config.production) {
    throw new ZdlError(
      'MAIL_NOT_CONFIGURED',
      'operational',
      "MAILERSEND_API_KEY manque : en production (NODE_ENV=production), zdl n'écrit pas les e-mails dans une boîte d'envoi locale. " +
        "Définissez MAILERSEND_API_KEY avec une clé d'API MailerSend autorisée à envoyer des e-mails, puis relancez.",
    );
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
