import { revokeAccess } from '../../../auth/access.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { confirmDestructive } from '../../prompt.js';

export async function run(ctx: CommandContext, [ref]: string[]) {
  const db = await ctx.database();
  const person = await db.transaction((tx) => findPerson(tx, ref!));
  await confirmDestructive(ctx.prompt, `Révoquer l'accès de ${person.prenom} ${person.nom} (n°${person.id}) ?`);
  const result = await db.transaction((tx) => revokeAccess(tx, person.id, { actor: ctx.actor, now: ctx.clock() }));
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, access: 'revoked', ...result });
  ctx.out.success(
    `Accès de ${person.prenom} ${person.nom} révoqué` +
      ` (${result.invites_revoked} invitation(s) et ${result.resets_invalidated} réinitialisation(s) annulée(s)).`,
  );
}
