import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import { revokeLiveInvites } from '../invites/revoke-live-invites.js';
import type { ActorContext } from '../actor.js';
import { lockPerson } from '../persons/lock-person.js';
import { invalidateLiveResets } from './password-reset.js';

export interface RevokeResult {
  invites_revoked: number;
  resets_invalidated: number;
}

/**
 * Revokes a person's access at once: no activation, sign-in or reset from now on. A person who
 * never activated gets an access row that only carries the revocation.
 */
export async function revokeAccess(sql: Sql, personId: number, ctx: ActorContext): Promise<RevokeResult> {
  await lockPerson(sql, personId);
  const [account] = await sql<{ id: number; revoked_at: Date | null }[]>`
    select id, revoked_at from zdl.accounts where personne_id = ${personId}`;
  if (account?.revoked_at) {
    throw new ZdlError('ACCESS_ALREADY_REVOKED', 'conflict', "L'accès de cette personne est déjà révoqué.");
  }
  if (account) {
    await sql`update zdl.accounts set revoked_at = ${ctx.now}, updated_at = ${ctx.now} where id = ${account.id}`;
  } else {
    await sql`insert into zdl.accounts (personne_id, revoked_at, created_at, updated_at)
      values (${personId}, ${ctx.now}, ${ctx.now}, ${ctx.now})`;
  }
  const result = {
    invites_revoked: await revokeLiveInvites(sql, personId, ctx.now),
    resets_invalidated: account ? await invalidateLiveResets(sql, account.id, ctx.now) : 0,
  };
  await recordAudit(sql, { actor: ctx.actor, action: 'access.revoked', personId, detail: { ...result } }, ctx.now);
  return result;
}

/** Lifts a revocation: an activated account works again; a never-activated person can be invited. */
export async function restoreAccess(
  sql: Sql,
  personId: number,
  ctx: ActorContext,
): Promise<{ access: 'active' | 'none' }> {
  await lockPerson(sql, personId);
  const [account] = await sql<{ id: number; revoked_at: Date | null; activated_at: Date | null }[]>`
    select id, revoked_at, activated_at from zdl.accounts where personne_id = ${personId}`;
  if (!account?.revoked_at) {
    throw new ZdlError(
      'ACCESS_NOT_REVOKED',
      'conflict',
      "L'accès de cette personne n'est pas révoqué : rien à rétablir.",
    );
  }
  if (account.activated_at) {
    // A restored access starts with no wrong reset codes counted (else a lock could outlive it).
    await sql`update zdl.accounts set revoked_at = null, reset_failures_cleared_at = ${ctx.now},
      updated_at = ${ctx.now} where id = ${account.id}`;
  } else {
    await sql`delete from zdl.accounts where id = ${account.id}`;
  }
  const access = account.activated_at ? 'active' : 'none';
  await recordAudit(sql, { actor: ctx.actor, action: 'access.restored', personId, detail: { access } }, ctx.now);
  return { access };
}
