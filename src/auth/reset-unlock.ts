import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import { lockPerson } from '../persons/lock-person.js';
import { clearResetFailures, invalidateLiveResets } from './password-reset.js';

/**
 * Lifts the lock that 100 consecutive wrong reset codes put on an account (NIST SP 800-63B
 * §5.2.2 wants a way out once the account is checked): the wrong codes so far stop counting and
 * the live reset dies, so the next reset starts from a fresh e-mail. Audited.
 */
export async function unlockResets(
  sql: Sql,
  personId: number,
  ctx: ActorContext,
): Promise<{ failures_cleared: number }> {
  await lockPerson(sql, personId);
  const [account] = await sql<{ id: number; failures: number }[]>`
    select a.id, coalesce((
      select sum(r.attempts) from zdl.password_resets r
      where r.account_id = a.id and r.created_at > greatest(
        (select max(used_at) from zdl.password_resets where account_id = a.id), a.reset_failures_cleared_at, '-infinity')
    ), 0)::int as failures
    from zdl.accounts a where a.personne_id = ${personId} and a.activated_at is not null`;
  if (!account) {
    throw new ZdlError(
      'NO_ACTIVE_ACCESS',
      'conflict',
      "Cette personne n'a pas de compte activé : il n'y a pas de réinitialisation à débloquer.",
    );
  }
  await clearResetFailures(sql, account.id, ctx.now);
  await invalidateLiveResets(sql, account.id, ctx.now);
  await recordAudit(
    sql,
    { actor: ctx.actor, action: 'password.reset_unlocked', personId, detail: { failures_cleared: account.failures } },
    ctx.now,
  );
  return { failures_cleared: account.failures };
}
