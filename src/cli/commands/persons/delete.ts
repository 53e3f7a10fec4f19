import { deletePerson } from '../../../persons/delete-person.js';
import { findPerson } from '../../../persons/person.js';
import type { CommandContext } from '../../context.js';
import { confirmDestructive } from '../../prompt.js';

export async function run(ctx: CommandContext, [ref]: string[]): Promise<void> {
  const db = await ctx.database();
  const person = await db.transaction((tx) => findPerson(tx, ref!));
  await confirmDestructive(
    ctx.prompt,
    `Supprimer ${person.prenom} ${person.nom} (n°${person.id}), ses invitations et son accès ?`,
  );
  await db.transaction(async (tx) =>
    deletePerson(tx, await findPerson(tx, String(person.id)), { actor: ctx.actor, now: ctx.clock() }),
  );
  if (ctx.flags.json) ctx.out.printJson({ deleted: person.id });
  ctx.out.success(`Personne n°${person.id} supprimée.`);
}
