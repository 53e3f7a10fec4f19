import { findPerson } from '../../../persons/person.js';
import { formatPhone } from '../../../persons/phone.js';
import { ROLE_LABELS } from '../../../persons/roles.js';
import { showPerson } from '../../../persons/show-person.js';
import { describeAction, describeDetail } from '../../audit-labels.js';
import type { CommandContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { ACCESS_LABELS, INVITE_LABELS } from '../../labels.js';
import { terminalWidth } from '../../output.js';
import { truncate } from '../../table.js';

export async function run(ctx: CommandContext, [ref]: string[]): Promise<void> {
  const db = await ctx.database({ create: false });
  const details = await db.transaction(async (tx) => showPerson(tx, await findPerson(tx, ref!), ctx.clock()), {
    readOnly: true,
  });
  if (ctx.flags.json) return ctx.out.printJson(details);

  const { person, account } = details;
  const lines = [
    `${person.prenom} ${person.nom} (n°${person.id}) — ${ROLE_LABELS[person.role]}`,
    `  E-mail      : ${person.email ?? '—'}`,
    `  Téléphones  : ${[person.telephone1, person.telephone2].map(formatPhone).filter(Boolean).join(', ') || '—'}`,
    `  Accès       : ${ACCESS_LABELS[details.access]}`,
  ];
  if (account?.activated_at) {
    const how = account.method === 'google' ? 'Google' : 'e-mail / mot de passe';
    lines.push(`  Activé le   : ${formatDateTime(account.activated_at)} (${how}, ${account.email})`);
  }
  if (account?.revoked_at) lines.push(`  Révoqué le  : ${formatDateTime(account.revoked_at)}`);
  lines.push(`  Créée le    : ${formatDateTime(person.created_at)}`);
  const width = terminalWidth(ctx.io);
  ctx.out.data(lines.map((line) => truncate(line, width)).join('\n'));

  ctx.out.data('\nInvitations');
  if (details.invites.length === 0) ctx.out.data('  aucune');
  else {
    await ctx.out.table(
      [
        { title: 'id' },
        { title: 'état' },
        { title: 'créée le' },
        { title: 'expire le' },
        { title: 'utilisée le', drop: 1 },
      ],
      details.invites.map((i) => [
        i.id,
        INVITE_LABELS[i.status],
        formatDateTime(i.created_at),
        formatDateTime(i.expires_at),
        formatDateTime(i.used_at),
      ]),
    );
  }
  ctx.out.data('\nDernières actions');
  if (details.audit.length === 0) ctx.out.data('  aucune');
  else {
    await ctx.out.table(
      [
        { title: 'quand' },
        { title: 'qui', shrink: true },
        { title: 'action', shrink: true },
        { title: 'détail', shrink: true },
      ],
      details.audit.map((a) => [formatDateTime(a.at), a.actor, describeAction(a.action), describeDetail(a.detail)]),
    );
  }
}
