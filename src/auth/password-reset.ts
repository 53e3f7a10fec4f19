import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { lockPerson } from '../persons/lock-person.js';
import { generateOtp, generateResetToken, hashOtp, hashToken, otpMatches } from './secrets.js';

export const RESET_VALIDITY_MINUTES = 20;
export const RESET_VALIDITY_MS = RESET_VALIDITY_MINUTES * 60_000;
export const MAX_OTP_ATTEMPTS = 5;
/** Reset e-mails per address and window (beyond: the same neutral answer, no e-mail). */
export const RESET_EMAILS_PER_WINDOW = 3;
export const RESET_EMAIL_WINDOW_MS = 15 * 60_000;
/** NIST SP 800-63B: a new secret never resets the failure count; stop after 100 in a row. */
export const MAX_CONSECUTIVE_FAILURES = 100;

export interface ResetAccount {
  account_id: number;
  personne_id: number;
  email: string;
  nom: string;
  prenom: string;
}

export interface CreatedReset extends ResetAccount {
  reset_id: number;
  /** Sent by e-mail, never stored. */
  token: string;
  otp: string;
  expires_at: Date;
}

export type ResetRefusal = 'no_active_account' | 'rate_limited' | 'too_many_failures';

/** Kills every live reset of the account (a new request, a completed reset, a revocation). */
export async function invalidateLiveResets(sql: Sql, accountId: number, now: Date): Promise<number> {
  const result = await sql`update zdl.password_resets set invalidated_at = ${now}
    where account_id = ${accountId} and used_at is null and invalidated_at is null`;
  return result.count;
}

async function lockActiveAccount(sql: Sql, where: { email?: string; personId?: number }): Promise<ResetAccount | null> {
  // The person row first, as every flow that touches a person (security.md: one lock order).
  const [target] = await sql<{ personne_id: number }[]>`
    select a.personne_id from zdl.accounts a
    where (${where.email ?? null}::text is null or lower(a.email) = lower(${where.email ?? null}))
      and (${where.personId ?? null}::int is null or a.personne_id = ${where.personId ?? null})`;
  if (!target) return null;
  await lockPerson(sql, target.personne_id);
  const [account] = await sql<ResetAccount[]>`
    select a.id as account_id, p.id as personne_id, a.email, p.nom, p.prenom
    from zdl.accounts a join zdl.personnes p on p.id = a.personne_id
    where a.activated_at is not null and a.revoked_at is null
      and (${where.email ?? null}::text is null or lower(a.email) = lower(${where.email ?? null}))
      and (${where.personId ?? null}::int is null or a.personne_id = ${where.personId ?? null})
    for update of a`;
  return account ?? null;
}

/**
 * Starts a reset for the active account with that e-mail (or person): earlier resets die, a
 * fresh token and code are made. Returns why not, without telling the requester (no oracle).
 */
export async function createPasswordReset(
  sql: Sql,
  target: { email?: string; personId?: number },
  ctx: ActorContext,
): Promise<CreatedReset | ResetRefusal> {
  const account = await lockActiveAccount(sql, target);
  if (!account) return 'no_active_account';
  const [counts] = await sql<{ recent: number; failures: number }[]>`
    select
      count(*) filter (where created_at > ${new Date(ctx.now.getTime() - RESET_EMAIL_WINDOW_MS)}
        and mail_failed_at is null)::int as recent,
      coalesce(sum(attempts) filter (where created_at > greatest(
        (select max(used_at) from zdl.password_resets where account_id = ${account.account_id}),
        (select reset_failures_cleared_at from zdl.accounts where id = ${account.account_id}),
        '-infinity')), 0)::int as failures
    from zdl.password_resets where account_id = ${account.account_id}`;
  if (counts!.recent >= RESET_EMAILS_PER_WINDOW) return 'rate_limited';
  if (counts!.failures >= MAX_CONSECUTIVE_FAILURES) return 'too_many_failures';

  await invalidateLiveResets(sql, account.account_id, ctx.now);
  const token = generateResetToken();
  const otp = generateOtp();
  const expiresAt = new Date(ctx.now.getTime() + RESET_VALIDITY_MS);
  const [created] = await sql<{ id: number }[]>`
    insert into zdl.password_resets (token_hash, otp_hash, account_id, created_at, expires_at, created_by)
    values (${hashToken(token)}, ${hashOtp(token, otp)}, ${account.account_id}, ${ctx.now}, ${expiresAt}, ${ctx.actor})
    returning id`;
  await recordAudit(
    sql,
    { actor: ctx.actor, action: 'password.reset_requested', personId: account.personne_id },
    ctx.now,
  );
  return { ...account, reset_id: created!.id, token, otp, expires_at: expiresAt };
}

/** The provider refused the reset's e-mail: it no longer counts toward the per-window cap. */
export async function markResetMailFailed(sql: Sql, resetId: number, now: Date): Promise<void> {
  await sql`update zdl.password_resets set mail_failed_at = ${now} where id = ${resetId}`;
}

/** Wrong codes entered so far stop counting toward the lock (admin unlock, access restore). */
export async function clearResetFailures(sql: Sql, accountId: number, now: Date): Promise<void> {
  await sql`update zdl.accounts set reset_failures_cleared_at = ${now}, updated_at = ${now} where id = ${accountId}`;
}

interface LiveReset extends ResetAccount {
  id: number;
  otp_hash: Buffer;
  attempts: number;
}

/** The reset behind a link, if it can still be used. Never consumes anything (GET is safe). */
export async function findLiveReset(sql: Sql, token: string, now: Date, lock = false): Promise<LiveReset | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const rows = await sql<LiveReset[]>`
    select r.id, r.otp_hash, r.attempts, a.id as account_id, p.id as personne_id, a.email, p.nom, p.prenom
    from zdl.password_resets r
      join zdl.accounts a on a.id = r.account_id
      join zdl.personnes p on p.id = a.personne_id
    where r.token_hash = ${hashToken(token)}
      and r.used_at is null and r.invalidated_at is null and r.expires_at > ${now}
      and r.attempts < ${MAX_OTP_ATTEMPTS}
      and a.activated_at is not null and a.revoked_at is null
    ${lock ? sql`for update of r` : sql``}`;
  return rows[0] ?? null;
}

export type ResetOutcome =
  | { status: 'done'; account: ResetAccount }
  | { status: 'wrong_code'; attemptsLeft: number }
  | { status: 'invalid' };

/**
 * Checks the code and, if right, replaces the password and spends the token (and any other
 * live reset). A wrong code is counted and committed, so the caller must not roll back on it.
 */
export async function completePasswordReset(
  sql: Sql,
  input: { token: string; otp: string; passwordHash: string },
  ctx: ActorContext,
): Promise<ResetOutcome> {
  const reset = await findLiveReset(sql, input.token, ctx.now, true);
  if (!reset) return { status: 'invalid' };
  if (!otpMatches(input.token, input.otp, reset.otp_hash)) {
    const attempts = reset.attempts + 1;
    await sql`update zdl.password_resets set attempts = ${attempts},
      invalidated_at = case when ${attempts} >= ${MAX_OTP_ATTEMPTS} then ${ctx.now}::timestamptz end
      where id = ${reset.id}`;
    await recordAudit(
      sql,
      { actor: ctx.actor, action: 'password.reset_failed', personId: reset.personne_id, detail: { attempts } },
      ctx.now,
    );
    return { status: 'wrong_code', attemptsLeft: MAX_OTP_ATTEMPTS - attempts };
  }
  await sql`update zdl.password_resets set used_at = ${ctx.now} where id = ${reset.id}`;
  await invalidateLiveResets(sql, reset.account_id, ctx.now);
  await sql`update zdl.accounts set password_hash = ${input.passwordHash}, updated_at = ${ctx.now} where id = ${reset.account_id}`;
  await recordAudit(
    sql,
    { actor: ctx.actor, action: 'password.reset_completed', personId: reset.personne_id },
    ctx.now,
  );
  const { account_id, personne_id, email, nom, prenom } = reset;
  return { status: 'done', account: { account_id, personne_id, email, nom, prenom } };
}
