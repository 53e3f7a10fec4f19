import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import type { ActorContext } from '../actor.js';
import type { Person } from './person.js';

/** Deletes the person; invitations, account and resets go with it (ON DELETE CASCADE). */
export async function deletePerson(sql: Sql, person: Person, ctx: ActorContext): Promise<void> {
  await sql`delete from zdl.personnes where id = ${person.id}`;
  await recordAudit(
    sql,
    {
      actor: ctx.actor,
      action: 'person.deleted',
      personId: person.id,
      detail: { nom: person.nom, prenom: person.prenom },
    },
    ctx.now,
  );
}
