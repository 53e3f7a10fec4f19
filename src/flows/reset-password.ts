import type { ActorContext } from '../actor.js';
import { hashPassword } from '../auth/password-hash.js';
import { checkPassword } from '../auth/password-policy.js';
import { completePasswordReset, findLiveReset, type ResetAccount } from '../auth/password-reset.js';
import { sendPasswordChangedEmail } from '../mail/send-account-emails.js';
import type { FlowDeps } from './deps.js';

export interface PasswordResetInput {
  token: string;
  otp: string;
  password: string;
  confirm: string;
}

/** `invalid`: unknown, expired, spent, superseded or exhausted links alike (no oracle). */
export type PasswordResetResult =
  | { status: 'done'; account: ResetAccount }
  | { status: 'invalid' }
  | { status: 'password_refused'; field: 'password' | 'password_confirm'; reason: string }
  | { status: 'wrong_code'; attemptsLeft: number }
  | { status: 'locked' };

/**
 * The link's holder types the e-mail's code and a new password. A refused password costs no
 * attempt; a wrong code is counted and committed (NIST SP 800-63B: limit failed attempts); the
 * right one replaces the password and spends every live reset. The « mot de passe modifié »
 * e-mail leaves after the commit.
 */
export async function resetPassword(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'signposts'>,
  actor: Pick<ActorContext, 'actor'>,
  input: PasswordResetInput,
): Promise<PasswordResetResult> {
  const now = deps.clock();
  const live = await deps.db.transaction((tx) => findLiveReset(tx, input.token, now));
  if (!live) return { status: 'invalid' };
  const { password, confirm } = input;
  const check = checkPassword({ password, confirm, email: live.email, nom: live.nom, prenom: live.prenom });
  if (!check.ok) return { status: 'password_refused', field: check.field, reason: check.reason };

  const passwordHash = await hashPassword(password);
  // A wrong code is returned, not thrown: its counted attempt must be committed.
  const outcome = await deps.db.transaction((tx) =>
    completePasswordReset(
      tx,
      { token: input.token, otp: input.otp, passwordHash },
      { actor: actor.actor, now: deps.clock() },
    ),
  );
  if (outcome.status === 'invalid') return outcome;
  if (outcome.status === 'wrong_code') return outcome.attemptsLeft <= 0 ? { status: 'locked' } : outcome;
  const changedAt = deps.clock();
  deps.tasks.run('e-mail « mot de passe modifié »', () =>
    sendPasswordChangedEmail(deps.mailer, deps.signposts, outcome.account, changedAt),
  );
  return outcome;
}
