import type { ActorContext } from '../actor.js';
import { type ActivatedAccount, activateAccount, type Credentials } from '../auth/activate-account.js';
import type { InviteRef } from '../invites/invite-match.js';
import { sendAccessActivatedEmail } from '../mail/send-account-emails.js';
import { type ActivationRefusal, isActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';

export type AccountCreation =
  | { status: 'activated'; account: ActivatedAccount }
  | { status: 'refused'; refusal: ActivationRefusal };

/**
 * The last step of every activation whose address needs no confirmation (the one on file, or
 * Google's verified one): the invitation is spent and the account created in one transaction,
 * a pending confirmation for that invitation goes with it (activateAccount), and the « accès
 * activé » e-mail leaves after the commit without making the person wait (a failure is logged,
 * the access stays).
 */
export async function createAccount(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'signposts'>,
  actor: Pick<ActorContext, 'actor'>,
  invite: InviteRef,
  credentials: Credentials,
  expectedInviteId?: number,
): Promise<AccountCreation> {
  let account: ActivatedAccount;
  try {
    account = await deps.db.transaction((tx) =>
      activateAccount(tx, invite, credentials, { actor: actor.actor, now: deps.clock(), inviteId: expectedInviteId }),
    );
  } catch (error) {
    if (isActivationRefusal(error)) return { status: 'refused', refusal: error };
    throw error;
  }
  deps.tasks.run('e-mail « accès activé »', () => sendAccessActivatedEmail(deps.mailer, deps.signposts, account));
  return { status: 'activated', account };
}
