import { type CreatedReset, markResetMailFailed } from '../auth/password-reset.js';
import type { MailResult } from '../mail/message.js';
import { sendPasswordResetEmail } from '../mail/send-account-emails.js';
import type { FlowDeps } from './deps.js';

/**
 * Sends a committed reset's e-mail; if the provider does not accept it, the reset is marked so
 * that it does not use up one of the 3 e-mails per 15 minutes, and the failure is rethrown.
 */
export async function sendResetEmailOrMarkFailed(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl'>,
  reset: CreatedReset,
): Promise<MailResult> {
  try {
    return await sendPasswordResetEmail(deps.mailer, deps.publicUrl, reset);
  } catch (error) {
    await deps.db.transaction((tx) => markResetMailFailed(tx, reset.reset_id, deps.clock())).catch(() => {});
    throw error;
  }
}
