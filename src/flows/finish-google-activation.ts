import type { ActorContext } from '../actor.js';
import { type ActivatedAccount, activateAccount } from '../auth/activate-account.js';
import { discardPendingActivation } from '../auth/confirm-pending-activation.js';
import type { GoogleIdentity } from '../auth/google-oidc.js';
import { sendAccessActivatedEmail } from '../mail/send-account-emails.js';
import { type ActivationRefusal, isActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';

export type GoogleFinishResult =
  | { status: 'activated'; account: ActivatedAccount }
  | { status: 'refused'; refusal: ActivationRefusal };

/**
 * The provider sent the browser back: `identify` redeems its answer (openid-client checks state,
 * nonce and PKCE; a verified e-mail is required), then the invitation carried in the signed flow
 * is re-checked and spent while the account is created, in one transaction. Operational failures
 * (Google or the database unreachable) are thrown for the edge to report.
 */
export async function finishGoogleActivation(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'signposts'>,
  actor: Pick<ActorContext, 'actor'>,
  input: { inviteId: number; identify: () => Promise<GoogleIdentity> },
): Promise<GoogleFinishResult> {
  let account: ActivatedAccount;
  try {
    const identity = await input.identify();
    account = await deps.db.transaction(async (tx) => {
      const activated = await activateAccount(
        tx,
        { inviteId: input.inviteId },
        { method: 'google', email: identity.email, googleSub: identity.sub },
        { actor: actor.actor, now: deps.clock() },
      );
      // Google's verified address needs no confirmation: a pending one for another address goes.
      await discardPendingActivation(tx, activated.invite_id);
      return activated;
    });
  } catch (error) {
    if (isActivationRefusal(error)) return { status: 'refused', refusal: error };
    throw error;
  }
  deps.tasks.run('e-mail « accès activé »', () => sendAccessActivatedEmail(deps.mailer, deps.signposts, account));
  return { status: 'activated', account };
}
