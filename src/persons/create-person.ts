import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { ZdlError } from '../errors.js';
import type { Person } from './person.js';
import type { PersonInput } from './person-input.js';

export function emailTakenError(email: string): ZdlError {
  return new ZdlError('PERSON_EMAIL_TAKEN', 'conflict', `L'adresse ${email} est déjà celle d'une autre personne.`);
}

export async function createPerson(sql: Sql, input: PersonInput, ctx: ActorContext): Promise<Person> {
  try {
    const [person] = await sql<Person[]>`
      insert into zdl.personnes (nom, prenom, telephone1, telephone2, email, role, created_at, updated_at)
      values (${input.nom}, ${input.prenom}, ${input.telephone1}, ${input.telephone2}, ${input.email},
              ${input.role}, ${ctx.now}, ${ctx.now})
      returning *`;
    await recordAudit(
      sql,
      { actor: ctx.actor, action: 'person.created', personId: person!.id, detail: { role: input.role } },
      ctx.now,
    );
    return person!;
  } catch (error) {
    if (isUniqueViolation(error, 'personnes_email_key')) throw emailTakenError(input.email!);
    throw error;
  }
}
