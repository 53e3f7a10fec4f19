import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import type { Role } from './roles.js';

export interface Person {
  id: number;
  nom: string;
  prenom: string;
  telephone1: string | null;
  telephone2: string | null;
  email: string | null;
  role: Role;
  created_at: Date;
  updated_at: Date;
}

/** `<person>` on the command line: a numeric id, or an e-mail address (on file, or the login's). */
export async function findPerson(sql: Sql, ref: string): Promise<Person> {
  const trimmed = ref.trim();
  const rows = /^\d{1,9}$/.test(trimmed)
    ? await sql<Person[]>`select * from zdl.personnes where id = ${Number(trimmed)}`
    : trimmed.includes('@')
      ? // The e-mail on file, else the login e-mail of the person's account (they may differ:
        // a person signs in with the address typed at activation or Google's).
        await sql<Person[]>`
          select p.* from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id
          where lower(p.email) = lower(${trimmed}) or lower(a.email) = lower(${trimmed})
          order by (lower(p.email) = lower(${trimmed})) is true desc, p.id
          limit 1`
      : [];
  const person = rows[0];
  if (!person) {
    throw new ZdlError(
      'PERSON_NOT_FOUND',
      'not_found',
      `Personne introuvable : « ${ref} » (attendu : un identifiant ou une adresse e-mail).`,
    );
  }
  return person;
}
