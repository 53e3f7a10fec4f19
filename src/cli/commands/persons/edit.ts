import { findPerson } from '../../../persons/person.js';
import { parsePersonPatch } from '../../../persons/person-input.js';
import { updatePerson } from '../../../persons/update-person.js';
import type { CommandContext } from '../../context.js';

interface EditOptions {
  nom?: string;
  prenom?: string;
  tel1?: string;
  tel2?: string;
  email?: string;
  role?: string;
}

export async function run(ctx: CommandContext, [ref]: string[], options: EditOptions): Promise<void> {
  const patch = parsePersonPatch({
    nom: options.nom,
    prenom: options.prenom,
    telephone1: options.tel1,
    telephone2: options.tel2,
    email: options.email,
    role: options.role,
  });
  const db = await ctx.database();
  const person = await db.transaction(async (tx) => {
    const found = await findPerson(tx, ref!);
    return updatePerson(tx, found.id, patch, { actor: ctx.actor, now: ctx.clock() });
  });
  if (ctx.flags.json) ctx.out.printJson(person);
  ctx.out.success(`Personne n°${person.id} modifiée : ${person.prenom} ${person.nom}.`);
}
