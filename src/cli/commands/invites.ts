import type { Command } from 'commander';
import { ZdlError } from '../../errors.js';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';
import { parseChoice, parseId } from '../flags.js';
import { formatDateTime } from '../format.js';
import { parseValidity } from './persons.js';
import { INVITE_LABELS } from './persons-show.js';
import { sendInviteEmails } from './send-invites.js';

async function issueCommand(
  ctx: CommandContext,
  ref: string,
  options: { expires?: string; send?: boolean; resend?: boolean },
) {
  const validityMs = await parseValidity(ctx, options);
  const [{ findPerson }, { issueInvite }] = await Promise.all([
    import('../../persons/person.js'),
    import('../../invites/issue-invite.js'),
  ]);
  const db = await ctx.database();
  const { person, invite } = await db.transaction(async (tx) => {
    const person = await findPerson(tx, ref);
    if (options.send && !person.email) {
      throw new ZdlError(
        'NO_EMAIL',
        'usage',
        `${person.prenom} ${person.nom} n'a pas d'adresse e-mail : ajoutez-la avec « zdl persons edit ${person.id} --email … ».`,
      );
    }
    return { person, invite: await issueInvite(tx, person.id, { actor: ctx.actor, now: ctx.clock(), validityMs }) };
  });
  if (options.resend) {
    // The code goes to the person only: nobody else needs to see it.
    if (ctx.flags.json)
      ctx.out.printJson({ id: invite.id, person_id: invite.person_id, expires_at: invite.expires_at });
    ctx.out.info(
      `Nouvelle invitation n°${invite.id} pour ${person.prenom} ${person.nom} (les précédentes sont révoquées).`,
    );
  } else if (ctx.flags.json) {
    ctx.out.printJson({ id: invite.id, code: invite.code, person_id: invite.person_id, expires_at: invite.expires_at });
  } else {
    ctx.out.success(`Invitation n°${invite.id} créée pour ${person.prenom} ${person.nom}.`);
    const { printIssuedInvite } = await import('../render-invite.js');
    await printIssuedInvite(ctx, invite);
  }
  if (options.send) await sendInviteEmails(ctx, [{ person, invite }]);
}

async function listCommand(ctx: CommandContext, options: { status?: string; person?: string }) {
  const [{ INVITE_STATUSES }, { listInvites }, { findPerson }] = await Promise.all([
    import('../../invites/invite-status.js'),
    import('../../invites/list-invites.js'),
    import('../../persons/person.js'),
  ]);
  const status = parseChoice(options.status ?? 'pending', [...INVITE_STATUSES, 'all'] as const, '--status');
  const db = await ctx.database();
  const invites = await db.transaction(async (tx) => {
    const personneId = options.person === undefined ? undefined : (await findPerson(tx, options.person)).id;
    return listInvites(tx, { status, personneId }, ctx.clock());
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

async function revokeCommand(ctx: CommandContext, id: string) {
  const inviteId = parseId(id, "Numéro d'invitation");
  const { revokeInvite } = await import('../../invites/revoke-invite.js');
  const db = await ctx.database();
  const revoked = await db.transaction((tx) => revokeInvite(tx, inviteId, { actor: ctx.actor, now: ctx.clock() }));
  if (ctx.flags.json) ctx.out.printJson({ revoked: revoked.id, person_id: revoked.person_id });
  ctx.out.success(`Invitation n°${revoked.id} révoquée.`);
}

async function purgeCommand(ctx: CommandContext, options: { dryRun?: boolean }) {
  const { purgeInvites } = await import('../../invites/purge-invites.js');
  const db = await ctx.database();
  const result = await db.transaction((tx) =>
    purgeInvites(tx, { actor: ctx.actor, now: ctx.clock(), dryRun: options.dryRun }),
  );
  if (ctx.flags.json) ctx.out.printJson({ purged: result.purged, ...(options.dryRun ? { dry_run: true } : {}) });
  if (!result.ran) ctx.out.info('Une autre purge est en cours : rien à faire ici.');
  else if (options.dryRun) ctx.out.info(`${result.purged} invitation(s) seraient supprimées (--dry-run).`);
  else ctx.out.info(`${result.purged} invitation(s) expirée(s) ou révoquée(s) supprimée(s).`);
}

export function registerInvitesCommands(program: Command, session: Session): void {
  const invites = program.command('invites').description("codes d'invitation : créer, lister, révoquer, purger");

  invites
    .command('issue <person>')
    .description('créer un code pour une personne (révoque ses codes précédents)')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (défaut 7d)')
    .option('--send', "envoyer l'invitation par e-mail")
    .action(defineAction(session, (ctx, [ref], options) => issueCommand(ctx, ref!, options)));

  invites
    .command('list')
    .description('lister les invitations (jamais les codes)')
    .option('--status <état>', 'pending (défaut), used, expired, revoked ou all')
    .option('--person <person>', "identifiant ou e-mail d'une personne")
    .action(defineAction(session, (ctx, _args, options) => listCommand(ctx, options)));

  invites
    .command('revoke <invite-id>')
    .description('révoquer une invitation en attente')
    .action(defineAction(session, (ctx, [id]) => revokeCommand(ctx, id!)));

  invites
    .command('purge')
    .description('supprimer les invitations expirées ou révoquées jamais utilisées (pour cron)')
    .option('--dry-run', 'compter seulement')
    .action(defineAction(session, (ctx, _args, options) => purgeCommand(ctx, options)));

  invites
    .command('resend <person>')
    .description('révoquer le code en cours et envoyer un nouveau code par e-mail')
    .option('--expires <durée>', 'validité : 90s, 30m, 12h, 7d (défaut 7d)')
    .action(
      defineAction<{ expires?: string }>(session, (ctx, [ref], options) =>
        issueCommand(ctx, ref!, { ...options, send: true, resend: true }),
      ),
    );
}
