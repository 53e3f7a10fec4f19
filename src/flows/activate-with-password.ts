import type { ActorContext } from '../actor.js';
import { type ActivatedAccount, activateAccount } from '../auth/activate-account.js';
import { hashPassword } from '../auth/password-hash.js';
import { checkPassword } from '../auth/password-policy.js';
import { sendAccessActivatedEmail } from '../mail/send-account-emails.js';
import { type ActivationRefusal, isActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';
import { lookUpPendingInvite } from './look-up-pending-invite.js';

export interface PasswordActivation {
  code: string;
  email: string;
  password: string;
  confirm: string;
}

export type PasswordActivationResult =
  | { status: 'activated'; account: ActivatedAccount }
  | { status: 'refused'; refusal: ActivationRefusal }
  | { status: 'password_refused'; field: 'password' | 'password_confirm'; reason: string };

/**
 * The invitation's holder chooses a password: the code is checked (nothing spent) so the password
 * can be checked against the name, hashed outside any transaction, then the invitation is spent
 * and the account created in one transaction; the « accès activé » e-mail leaves after the commit.
 */
export async function activateWithPassword(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'inviteKeys'>,
  actor: Pick<ActorContext, 'actor'>,
  input: PasswordActivation,
): Promise<PasswordActivationResult> {
  const holder = await lookUpPendingInvite(deps, input.code);
  if (!('invite_id' in holder)) return holder;
  const check = checkPassword({ ...input, nom: holder.nom, prenom: holder.prenom });
  if (!check.ok) return { status: 'password_refused', field: check.field, reason: check.reason };

  // ~30 ms of argon2 outside the transaction: the database is not held while hashing.
  const passwordHash = await hashPassword(input.password);
  let account: ActivatedAccount;
  try {
    account = await deps.db.transaction((tx) =>
      activateAccount(
        tx,
        { code: input.code, keys: deps.inviteKeys },
        { method: 'password', email: input.email, passwordHash },
        { actor: actor.actor, now: deps.clock(), inviteId: holder.invite_id },
      ),
    );
  } catch (error) {
    if (isActivationRefusal(error)) return { status: 'refused', refusal: error };
    throw error;
  }
  // After the commit, without making the person wait; a failure is logged, the access stays active.
  deps.tasks.run('e-mail « accès activé »', () => sendAccessActivatedEmail(deps.mailer, account));
  return { status: 'activated', account };
}
