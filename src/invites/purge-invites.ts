import { purgeDeadPendingActivations } from '../auth/confirm-pending-activation.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { PURGE_LOCK_KEY } from '../db/locks.js';
import type { ActorContext } from '../actor.js';

export interface PurgeResult {
  purged: number;
  /** Pending activations that can no longer be confirmed (their typed address and password hash go). */
  pendingPurged: number;
  /** False when another purge held the lock: this one did nothing, by design. */
  ran: boolean;
}

/**
 * Deletes invitations that can no longer be used and never were: expired or revoked, unused.
 * Used ones stay as history. Dead pending activations go too (before the invitations, whose
 * deletion would take them without counting). A concurrent purge skips instead of waiting or failing.
 */
export async function purgeInvites(sql: Sql, ctx: ActorContext & { dryRun?: boolean }): Promise<PurgeResult> {
  const [lock] = await sql<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${PURGE_LOCK_KEY}) as locked`;
  if (!lock?.locked) return { purged: 0, pendingPurged: 0, ran: false };
  const pendingPurged = await purgeDeadPendingActivations(sql, ctx.now, ctx.dryRun);
  if (ctx.dryRun) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from zdl.user_invites
      where used_at is null and (revoked_at is not null or expires_at <= ${ctx.now})`;
    return { purged: row!.n, pendingPurged, ran: true };
  }
  const result = await sql`
    delete from zdl.user_invites
    where used_at is null and (revoked_at is not null or expires_at <= ${ctx.now})`;
  if (result.count > 0 || pendingPurged > 0) {
    const detail = { count: result.count, pending_activations: pendingPurged };
    await recordAudit(sql, { actor: ctx.actor, action: 'invite.purged', detail }, ctx.now);
  }
  return { purged: result.count, pendingPurged, ran: true };
}
