import type { ActorContext } from '../actor.js';
import type { ActivatedAccount } from '../auth/activate-account.js';
import { hashPassword } from '../auth/password-hash.js';
import { checkPassword } from '../auth/password-policy.js';
import { isAddressOnFile } from '../auth/pending-activation.js';
import type { ActivationRefusal } from './activation-refusal.js';
import { createAccount } from './create-account.js';
import type { FlowDeps } from './deps.js';
import { lookUpPendingInvite } from './look-up-pending-invite.js';
import { type PendingConfirmation, startEmailConfirmation } from './start-email-confirmation.js';

export interface PasswordActivation {
  code: string;
  email: string;
  password: string;
  confirm: string;
}

export type PasswordActivationResult =
  | { status: 'activated'; account: ActivatedAccount }
  | { status: 'confirmation_sent'; confirmation: PendingConfirmation }
  | { status: 'refused'; refusal: ActivationRefusal }
  | { status: 'password_refused'; field: 'password' | 'password_confirm'; reason: string };

/**
 * The invitation's holder chooses a password: the code is checked (nothing spent) so the password
 * can be checked against the name, hashed outside any transaction. The address the invitation was
 * sent to (the one on file, any case) is proven by the code: the invitation is spent and the
 * account created in one transaction, the « accès activé » e-mail leaves after the commit. Any
 * other address must be confirmed first: nothing is spent, a link and a code go to it.
 */
export async function activateWithPassword(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'inviteKeys' | 'publicUrl' | 'signposts'>,
  actor: Pick<ActorContext, 'actor'>,
  input: PasswordActivation,
): Promise<PasswordActivationResult> {
  const holder = await lookUpPendingInvite(deps, input.code);
  if (!('invite_id' in holder)) return holder;
  const check = checkPassword({ ...input, nom: holder.nom, prenom: holder.prenom });
  if (!check.ok) return { status: 'password_refused', field: check.field, reason: check.reason };

  // ~30 ms of argon2 outside the transaction: the database is not held while hashing.
  const passwordHash = await hashPassword(input.password);
  if (!isAddressOnFile(input.email, holder.email_on_file)) {
    const pending = { inviteId: holder.invite_id, email: input.email, passwordHash };
    return startEmailConfirmation(deps, actor, pending);
  }
  return createAccount(
    deps,
    actor,
    { code: input.code, keys: deps.inviteKeys },
    { method: 'password', email: input.email, passwordHash },
    holder.invite_id,
  );
}
