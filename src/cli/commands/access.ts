import type { Command } from 'commander';
import { defineAction } from '../action.js';
import type { CommandContext, Session } from '../context.js';
import { confirmDestructive } from '../prompt.js';

async function revokeCommand(ctx: CommandContext, ref: string) {
  const [{ findPerson }, { revokeAccess }] = await Promise.all([
    import('../../persons/person.js'),
    import('../../auth/access.js'),
  ]);
  const db = await ctx.database();
  const person = await db.transaction((tx) => findPerson(tx, ref));
  await confirmDestructive(ctx.prompt, `Révoquer l'accès de ${person.prenom} ${person.nom} (n°${person.id}) ?`);
  const result = await db.transaction((tx) => revokeAccess(tx, person.id, { actor: ctx.actor, now: ctx.clock() }));
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, access: 'revoked', ...result });
  ctx.out.success(
    `Accès de ${person.prenom} ${person.nom} révoqué` +
      ` (${result.invites_revoked} invitation(s) et ${result.resets_invalidated} réinitialisation(s) annulée(s)).`,
  );
}

async function restoreCommand(ctx: CommandContext, ref: string) {
  const [{ findPerson }, { restoreAccess }] = await Promise.all([
    import('../../persons/person.js'),
    import('../../auth/access.js'),
  ]);
  const db = await ctx.database();
  const { person, access } = await db.transaction(async (tx) => {
    const person = await findPerson(tx, ref);
    return { person, ...(await restoreAccess(tx, person.id, { actor: ctx.actor, now: ctx.clock() })) };
  });
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, access });
  ctx.out.success(
    access === 'active'
      ? `Accès de ${person.prenom} ${person.nom} rétabli.`
      : `Révocation levée pour ${person.prenom} ${person.nom} : invitez-la avec « zdl invites issue ${person.id} ».`,
  );
}

export function registerAccessCommands(program: Command, session: Session): void {
  const access = program.command('access').description("accès d'une personne : révoquer, rétablir");
  access
    .command('revoke <person>')
    .description('révoquer un accès : plus d’activation, de connexion ni de réinitialisation (demande confirmation)')
    .action(defineAction(session, (ctx, [ref]) => revokeCommand(ctx, ref!)));
  access
    .command('restore <person>')
    .description('rétablir un accès révoqué')
    .action(defineAction(session, (ctx, [ref]) => restoreCommand(ctx, ref!)));
}
