import { restoreAccess } from '../../../auth/access.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';

export async function run(ctx: CommandContext, [ref]: string[]) {
  const db = await ctx.database();
  const { person, access } = await db.transaction(async (tx) => {
    const person = await findPerson(tx, ref!);
    return { person, ...(await restoreAccess(tx, person.id, { actor: ctx.actor, now: ctx.clock() })) };
  });
  if (ctx.flags.json) ctx.out.printJson({ person_id: person.id, access });
  ctx.out.success(
    access === 'active'
      ? `Accès de ${person.prenom} ${person.nom} rétabli.`
      : `Révocation levée pour ${person.prenom} ${person.nom} : invitez-la avec « zdl invites issue ${person.id} ».`,
  );
}
