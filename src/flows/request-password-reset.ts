import type { ActorContext } from '../actor.js';
import { createPasswordReset, type ResetRefusal } from '../auth/password-reset.js';
import type { FlowDeps } from './deps.js';
import { sendResetEmailOrMarkFailed } from './send-reset-email.js';

export type ResetRequestResult = { status: 'sent' } | { status: 'not_sent'; reason: ResetRefusal };

/**
 * « Mot de passe oublié » : a reset for the active account with that address, its e-mail sent
 * after the commit. The result is for tests and logs; the page answers the same either way (no
 * oracle, ASVS 5 §6.3.1), so the e-mail never makes the person wait.
 */
export async function requestPasswordReset(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'publicUrl'>,
  actor: Pick<ActorContext, 'actor'>,
  input: { email: string },
): Promise<ResetRequestResult> {
  const reset = await deps.db.transaction((tx) =>
    createPasswordReset(tx, { email: input.email }, { actor: actor.actor, now: deps.clock() }),
  );
  if (typeof reset === 'string') return { status: 'not_sent', reason: reset };
  deps.tasks.run('e-mail de réinitialisation', () => sendResetEmailOrMarkFailed(deps, reset));
  return { status: 'sent' };
}
