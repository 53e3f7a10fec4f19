import { revokeInvite } from '../../../invites/revoke-invite.js';
import type { CommandContext } from '../../context.js';
import { parseId } from '../../flags.js';

export async function run(ctx: CommandContext, [id]: string[]) {
  const inviteId = parseId(id!, "Numéro d'invitation");
  const db = await ctx.database();
  const revoked = await db.transaction((tx) => revokeInvite(tx, inviteId, { actor: ctx.actor, now: ctx.clock() }));
  if (ctx.flags.json) ctx.out.printJson({ revoked: revoked.id, person_id: revoked.person_id });
  ctx.out.success(`Invitation n°${revoked.id} révoquée.`);
}
