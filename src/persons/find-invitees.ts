import type { Sql } from '../db/client.js';
import { type Access, accessExpression } from './access-state.js';
import { findPerson, type Person } from './person.js';

/** Someone a new invitation can be issued to: no access yet, or only a pending invitation. */
export interface Invitee {
  person: Person;
  access: Access;
}

export type InviteeSelection = { refs: string[] } | { allWithoutAccess: true };

async function readAccesses(sql: Sql, ids: number[], now: Date): Promise<Map<number, Access>> {
  const rows = await sql<{ id: number; access: Access }[]>`
    select p.id, ${accessExpression(sql, now)} as access
    from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id
    where p.id in (select json_array_elements_text(${sql.json(ids)}::json)::integer)`;
  return new Map(rows.map((row) => [row.id, row.access]));
}

/**
 * The persons named on the command line (in that order, each once), or everyone without access
 * (none or invited: revoked people were cut off on purpose), by name. Their access is read so
 * the caller can refuse active or revoked ones and count the invitations it would revoke.
 */
export async function findInvitees(sql: Sql, selection: InviteeSelection, now: Date): Promise<Invitee[]> {
  if ('allWithoutAccess' in selection) {
    return (
      await sql<(Person & { access: Access })[]>`
        select * from (
          select p.*, ${accessExpression(sql, now)} as access
          from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id
        ) listed
        where access in ('none', 'invited')
        order by lower(nom), lower(prenom), id`
    ).map(({ access, ...person }) => ({ person, access }));
  }
  const persons = new Map<number, Person>();
  for (const ref of selection.refs) {
    const person = await findPerson(sql, ref);
    persons.set(person.id, person);
  }
  const accesses = await readAccesses(sql, [...persons.keys()], now);
  return [...persons.values()].map((person) => ({ person, access: accesses.get(person.id)! }));
}
