import type { ActorContext } from '../actor.js';
import type { ActivatedAccount } from '../auth/activate-account.js';
import { type ConfirmationRef, confirmPendingActivation, findLivePending } from '../auth/confirm-pending-activation.js';
import { sendAccessActivatedEmail } from '../mail/send-account-emails.js';
import { type ActivationRefusal, isActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';

/** `invalid`: unknown, expired, replaced, exhausted or spent alike (no oracle). */
export type EmailConfirmationResult =
  | { status: 'activated'; account: ActivatedAccount }
  | { status: 'wrong_code'; attemptsLeft: number; email: string }
  | { status: 'locked' }
  | { status: 'invalid' }
  | { status: 'refused'; refusal: ActivationRefusal };

/** Whether a confirmation link or form can still be used. Never changes anything (mail scanners). */
export async function openConfirmation(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  ref: ConfirmationRef,
): Promise<{ status: 'live'; email: string } | { status: 'invalid' }> {
  const now = deps.clock();
  const live = await deps.db.transaction((tx) => findLivePending(tx, ref, now));
  return live ? { status: 'live', email: live.email } : { status: 'invalid' };
}

/**
 * The typed address is confirmed (the link's button, or the page's code): the invitation is
 * spent and the account created in one transaction, the « accès activé » e-mail leaves after the
 * commit. A wrong code is counted and committed; the fifth kills the link and the form.
 */
export async function confirmActivationEmail(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'signposts'>,
  actor: Pick<ActorContext, 'actor'>,
  ref: ConfirmationRef,
): Promise<EmailConfirmationResult> {
  let outcome: Awaited<ReturnType<typeof confirmPendingActivation>>;
  try {
    outcome = await deps.db.transaction((tx) =>
      confirmPendingActivation(tx, ref, { actor: actor.actor, now: deps.clock() }),
    );
  } catch (error) {
    if (isActivationRefusal(error)) return { status: 'refused', refusal: error };
    throw error;
  }
  if (outcome.status === 'wrong_code') return outcome.attemptsLeft <= 0 ? { status: 'locked' } : outcome;
  if (outcome.status === 'invalid') return outcome;
  const { account } = outcome;
  deps.tasks.run('e-mail « accès activé »', () => sendAccessActivatedEmail(deps.mailer, deps.signposts, account));
  return outcome;
}
