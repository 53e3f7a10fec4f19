import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createMailer, type MailerDeps } from './create-mailer.js';
import { recordEmailAttempt } from './log.js';
import type { Mailer } from './message.js';

/** The mailer both edges use: every attempt lands in zdl.email_log, in its own transaction. */
export function createLoggedMailer(config: Config, db: Database, deps: Omit<MailerDeps, 'recordAttempt'> = {}): Mailer {
  return createMailer(config, {
    ...deps,
    recordAttempt: (attempt) => db.transaction((tx) => recordEmailAttempt(tx, attempt)),
  });
}
