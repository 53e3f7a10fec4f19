import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { ZdlError } from '../errors.js';
import type { ActorContext } from '../actor.js';
import { emailTakenError } from './create-person.js';
import type { Person } from './person.js';
import type { PersonPatch } from './person-input.js';

export async function updatePerson(sql: Sql, id: number, patch: PersonPatch, ctx: ActorContext): Promise<Person> {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const fields = Object.keys(changes);
  if (fields.length === 0) {
    throw new ZdlError('NOTHING_TO_CHANGE', 'usage', 'Rien à modifier : aucun champ à changer.');
  }
  try {
    const [person] = await sql<Person[]>`
      update zdl.personnes set ${sql(changes as Record<string, string | null>, ...fields)}, updated_at = ${ctx.now}
      where id = ${id} returning *`;
    if (!person) throw new ZdlError('PERSON_NOT_FOUND', 'not_found', `Personne introuvable : ${id}.`);
    await recordAudit(sql, { actor: ctx.actor, action: 'person.updated', personId: id, detail: { fields } }, ctx.now);
    return person;
  } catch (error) {
    if (isUniqueViolation(error, 'personnes_email_key')) throw emailTakenError(String(changes.email));
    throw error;
  }
}
