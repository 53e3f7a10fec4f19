import type { Command } from 'commander';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';
import { formatDateTime } from '../format.js';
import { accessLabel } from './persons.js';

export const INVITE_LABELS = {
  pending: 'en attente',
  used: 'utilisée',
  expired: 'expirée',
  revoked: 'révoquée',
} as const;

async function showPersonCommand(ctx: CommandContext, ref: string): Promise<void> {
  const [{ findPerson }, { showPerson }, { ROLE_LABELS }] = await Promise.all([
    import('../../persons/person.js'),
    import('../../persons/show-person.js'),
    import('../../persons/roles.js'),
  ]);
  const db = await ctx.database();
  const details = await db.transaction(async (tx) => showPerson(tx, await findPerson(tx, ref), ctx.clock()));
  if (ctx.flags.json) return ctx.out.printJson(details);

  const { person, account } = details;
  const lines = [
    `${person.prenom} ${person.nom} (n°${person.id}) — ${ROLE_LABELS[person.role]}`,
    `  E-mail      : ${person.email ?? '—'}`,
    `  Téléphones  : ${[person.telephone1, person.telephone2].filter(Boolean).join(', ') || '—'}`,
    `  Accès       : ${accessLabel(details.access)}`,
  ];
  if (account?.activated_at) {
    const how = account.method === 'google' ? 'Google' : 'e-mail / mot de passe';
    lines.push(`  Activé le   : ${formatDateTime(account.activated_at)} (${how}, ${account.email})`);
  }
  if (account?.revoked_at) lines.push(`  Révoqué le  : ${formatDateTime(account.revoked_at)}`);
  lines.push(`  Créée le    : ${formatDateTime(person.created_at)}`);
  ctx.out.data(lines.join('\n'));

  ctx.out.data('\nInvitations');
  if (details.invites.length === 0) ctx.out.data('  aucune');
  else {
    await ctx.out.table(
      ['id', 'état', 'créée le', 'expire le', 'utilisée le'],
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
      ['quand', 'qui', 'action'],
      details.audit.map((a) => [formatDateTime(a.at), a.actor, a.action]),
    );
  }
}

export function registerPersonsShow(persons: Command, session: Session): void {
  persons
    .command('show <person>')
    .description('afficher une personne, son accès, ses invitations et son historique')
    .action(defineAction(session, (ctx, [ref]) => showPersonCommand(ctx, ref!)));
}
