import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createMailer, type MailerDeps } from './create-mailer.js';
import { createAttemptLog } from './attempt-log.js';
import type { Mailer } from './message.js';

/** The mailer both edges use: every attempt lands in zdl.email_log (attempt-log.ts). */
export function createLoggedMailer(config: Config, db: Database, deps: Omit<MailerDeps, 'recordAttempt'> = {}): Mailer {
  return createMailer(config, {
    ...deps,
    recordAttempt: createAttemptLog(db),
  });
}
