import { INVITE_STATUSES } from '../../../invites/invite-status.js';
import { listInvites } from '../../../invites/list-invites.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { parseChoice } from '../../flags.js';
import { formatDateTime } from '../../format.js';
import { INVITE_LABELS } from '../../labels.js';

export async function run(ctx: CommandContext, _args: string[], options: { status?: string; person?: string }) {
  const status = parseChoice(options.status ?? 'pending', [...INVITE_STATUSES, 'all'] as const, '--status');
  const db = await ctx.database();
  const invites = await db.transaction(async (tx) => {
    const personId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
    return listInvites(tx, { status, personneId: personId }, ctx.clock());
  });
  if (ctx.flags.json) return ctx.out.printJson(invites);
  if (invites.length === 0)
    return ctx.out.info(`Aucune invitation (${status === 'all' ? 'tous états' : INVITE_LABELS[status]}).`);
  await ctx.out.table(
    ['id', 'personne', 'nom', 'prénom', 'état', 'créée le', 'expire le', 'utilisée le'],
    invites.map((i) => [
      i.id,
      i.person_id,
      i.nom,
      i.prenom,
      INVITE_LABELS[i.status],
      formatDateTime(i.created_at),
      formatDateTime(i.expires_at),
      formatDateTime(i.used_at),
    ]),
  );
  ctx.out.info(`${invites.length} invitation(s).`);
}
