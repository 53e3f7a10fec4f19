import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import type { ActorContext } from '../actor.js';
import { inviteStatusExpression, type InviteStatus } from './invite-status.js';

export async function revokeInvite(
  sql: Sql,
  inviteId: number,
  ctx: ActorContext,
): Promise<{ id: number; person_id: number }> {
  const [invite] = await sql<{ id: number; person_id: number; status: InviteStatus }[]>`
    select i.id, i.personne_id as person_id, ${inviteStatusExpression(sql, ctx.now)} as status
    from zdl.user_invites i where i.id = ${inviteId} for update`;
  if (!invite) throw new ZdlError('INVITE_NOT_FOUND', 'not_found', `Invitation introuvable : ${inviteId}.`);
  if (invite.status !== 'pending') {
    const why = { used: 'déjà utilisée', revoked: 'déjà révoquée', expired: 'expirée' }[
      invite.status as Exclude<InviteStatus, 'pending'>
    ];
    throw new ZdlError('INVITE_NOT_PENDING', 'conflict', `L'invitation ${inviteId} est ${why} : rien à révoquer.`);
  }
  await sql`update zdl.user_invites set revoked_at = ${ctx.now} where id = ${inviteId}`;
  await recordAudit(
    sql,
    { actor: ctx.actor, action: 'invite.revoked', personId: invite.person_id, detail: { invite_id: inviteId } },
    ctx.now,
  );
  return { id: invite.id, person_id: invite.person_id };
}
