import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { lockPerson } from '../persons/lock-person.js';
import { type ActivatedAccount, activateAccount } from './activate-account.js';
import { MAX_OTP_ATTEMPTS } from './password-reset.js';
import { hashToken, otpMatches } from './secrets.js';

/** The e-mail's link (its token), or the confirmation page's form (its token and the code). */
export type ConfirmationRef = { token: string } | { formToken: string; otp: string };

interface LivePending {
  invite_id: number;
  personne_id: number;
  email: string;
  password_hash: string;
  otp_hash: Buffer;
  attempts: number;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The pending activation behind a link or form, if it can still be used: not expired, replaced,
 * exhausted, and its invitation still pending. Never changes anything (GET is safe).
 */
export async function findLivePending(
  sql: Sql,
  ref: ConfirmationRef,
  now: Date,
  lock = false,
): Promise<LivePending | null> {
  const secret = 'token' in ref ? ref.token : ref.formToken;
  if (!TOKEN_SHAPE.test(secret)) return null;
  const column = 'token' in ref ? sql`pa.token_hash` : sql`pa.form_hash`;
  const [row] = await sql<LivePending[]>`
    select pa.invite_id, pa.personne_id, pa.email, pa.password_hash, pa.otp_hash, pa.attempts
    from zdl.pending_activations pa join zdl.user_invites i on i.id = pa.invite_id
    where ${column} = ${hashToken(secret)}
      and pa.invalidated_at is null and pa.expires_at > ${now} and pa.attempts < ${MAX_OTP_ATTEMPTS}
      and i.used_at is null and i.revoked_at is null and i.expires_at > ${now}
    ${lock ? sql`for update of pa` : sql``}`;
  return row ?? null;
}

export type ConfirmationOutcome =
  | { status: 'activated'; account: ActivatedAccount }
  | { status: 'wrong_code'; attemptsLeft: number; email: string }
  | { status: 'invalid' };

/**
 * Confirms the typed address: the invitation is spent and the account created with the pending
 * e-mail and password hash, in this transaction, and the pending row goes. The person row is
 * locked first, so of two simultaneous confirmations one activates and the other finds nothing.
 * A wrong code is counted and returned (not thrown): the caller commits it.
 */
export async function confirmPendingActivation(
  sql: Sql,
  ref: ConfirmationRef,
  ctx: ActorContext,
): Promise<ConfirmationOutcome> {
  const seen = await findLivePending(sql, ref, ctx.now);
  if (!seen) return { status: 'invalid' };
  await lockPerson(sql, seen.personne_id);
  const pending = await findLivePending(sql, ref, ctx.now, true);
  if (!pending) return { status: 'invalid' };
  if ('formToken' in ref && !otpMatches(ref.formToken, ref.otp, pending.otp_hash)) {
    const attempts = pending.attempts + 1;
    await sql`update zdl.pending_activations set attempts = ${attempts}, failures = failures + 1,
      invalidated_at = case when ${attempts} >= ${MAX_OTP_ATTEMPTS} then ${ctx.now}::timestamptz end
      where invite_id = ${pending.invite_id}`;
    await recordAudit(
      sql,
      { actor: ctx.actor, action: 'access.confirmation_failed', personId: pending.personne_id, detail: { attempts } },
      ctx.now,
    );
    return { status: 'wrong_code', attemptsLeft: MAX_OTP_ATTEMPTS - attempts, email: pending.email };
  }
  // activateAccount also deletes the pending row, as it does when the invitation is spent another way.
  const account = await activateAccount(
    sql,
    { inviteId: pending.invite_id },
    { method: 'password', email: pending.email, passwordHash: pending.password_hash },
    ctx,
  );
  return { status: 'activated', account };
}

/**
 * Deletes pending activations that can no longer be confirmed: expired, replaced-and-exhausted,
 * or whose invitation was spent, revoked or expired. Their typed address and password hash go
 * with them (`zdl invites purge`).
 */
export async function purgeDeadPendingActivations(sql: Sql, now: Date, dryRun = false): Promise<number> {
  const dead = sql`
    from zdl.pending_activations pa where pa.expires_at <= ${now} or pa.invalidated_at is not null
      or exists (select 1 from zdl.user_invites i where i.id = pa.invite_id
        and (i.used_at is not null or i.revoked_at is not null or i.expires_at <= ${now}))`;
  if (dryRun) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n ${dead}`;
    return row!.n;
  }
  const result = await sql`delete ${dead}`;
  return result.count;
}
