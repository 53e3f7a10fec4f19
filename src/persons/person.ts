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

/** `<person>` on the command line: a numeric id or an e-mail address. */
export async function findPerson(sql: Sql, ref: string): Promise<Person> {
  const trimmed = ref.trim();
  const rows = /^\d{1,9}$/.test(trimmed)
    ? await sql<Person[]>`select * from zdl.personnes where id = ${Number(trimmed)}`
    : trimmed.includes('@')
      ? await sql<Person[]>`select * from zdl.personnes where lower(email) = lower(${trimmed})`
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
