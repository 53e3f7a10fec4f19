import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { PURGE_LOCK_KEY } from '../db/locks.js';
import type { ActorContext } from '../actor.js';

export interface PurgeResult {
  purged: number;
  /** False when another purge held the lock: this one did nothing, by design. */
  ran: boolean;
}

/**
 * Deletes invitations that can no longer be used and never were: expired or revoked, unused.
 * Used ones stay as history. A concurrent purge skips instead of waiting or failing.
 */
export async function purgeInvites(sql: Sql, ctx: ActorContext & { dryRun?: boolean }): Promise<PurgeResult> {
  const [lock] = await sql<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${PURGE_LOCK_KEY}) as locked`;
  if (!lock?.locked) return { purged: 0, ran: false };
  if (ctx.dryRun) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from zdl.user_invites
      where used_at is null and (revoked_at is not null or expires_at <= ${ctx.now})`;
    return { purged: row!.n, ran: true };
  }
  const result = await sql`
    delete from zdl.user_invites
    where used_at is null and (revoked_at is not null or expires_at <= ${ctx.now})`;
  if (result.count > 0) {
    await recordAudit(sql, { actor: ctx.actor, action: 'invite.purged', detail: { count: result.count } }, ctx.now);
  }
  return { purged: result.count, ran: true };
}
