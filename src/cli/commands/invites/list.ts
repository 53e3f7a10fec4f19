import { INVITE_STATUSES } from '../../../invites/invite-status.js';
import { listInvites } from '../../../invites/list-invites.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { parseChoice } from '../../flags.js';
import { formatDateTime } from '../../format.js';
import { INVITE_LABELS } from '../../labels.js';
import { parseWindow, reportHidden, takeMostRecent, type WindowOptions } from '../../list-window.js';
import { countOf, formatCount } from '../../plural.js';

interface ListOptions extends WindowOptions {
  status?: string;
  person?: string;
}

export async function run(ctx: CommandContext, _args: string[], options: ListOptions) {
  const status = parseChoice(options.status ?? 'pending', [...INVITE_STATUSES, 'all'] as const, '--status', {
    ...INVITE_LABELS,
    all: 'tous',
  });
  const limit = parseWindow(options);
  const db = await ctx.database({ create: false });
  const all = await db.transaction(
    async (tx) => {
      const personId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
      return listInvites(tx, { status, personId: personId }, ctx.clock());
    },
    { readOnly: true },
  );
  const invites = takeMostRecent(all, limit, (invite) => invite.id);
  if (ctx.flags.json) return ctx.out.printJson(invites);
  if (invites.length === 0)
    return ctx.out.info(`Aucune invitation (${status === 'all' ? 'tous états' : INVITE_LABELS[status]}).`);
  await ctx.out.table(
    [
      { title: 'id' },
      { title: 'personne', drop: 2 },
      { title: 'nom', shrink: true },
      { title: 'prénom', shrink: true },
      { title: 'état' },
      { title: 'créée le', drop: 1 },
      { title: 'expire le' },
      { title: 'utilisée le', drop: 3 },
    ],
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
  ctx.out.info(
    `${countOf(invites.length, 'invitation', 'invitations')}${all.length > invites.length ? ` sur ${formatCount(all.length)}` : ''}.`,
  );
  reportHidden(ctx, all.length - invites.length, ['invitation', 'invitations'], 'plus anciennes');
}
