import { findPerson } from '../../../persons/person.js';
import { parsePersonPatch } from '../../../persons/person-input.js';
import { updatePerson } from '../../../persons/update-person.js';
import type { CommandContext } from '../../context.js';
import { FLAG_NAMES, type PersonFlags, personFields } from './person-flags.js';

export async function run(ctx: CommandContext, [ref]: string[], options: PersonFlags): Promise<void> {
  const patch = parsePersonPatch(personFields(options), FLAG_NAMES);
  const db = await ctx.database();
  const person = await db.transaction(async (tx) => {
    const found = await findPerson(tx, ref!);
    return updatePerson(tx, found.id, patch, { actor: ctx.actor, now: ctx.clock() });
  });
  if (ctx.flags.json) ctx.out.printJson(person);
  ctx.out.success(`Personne n°${person.id} modifiée : ${person.prenom} ${person.nom}.`);
}
