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

export const ACCESS_STATES = ['none', 'invited', 'active', 'revoked'] as const;
export type Access = (typeof ACCESS_STATES)[number];

/** SQL expression for a person's access state, `p` being zdl.personnes and `a` its account. */
export function accessExpression(sql: Sql, now: Date) {
  return sql`case
    when a.revoked_at is not null then 'revoked'
    when a.activated_at is not null then 'active'
    when exists (
      select 1 from zdl.user_invites i
      where i.personne_id = p.id and i.used_at is null and i.revoked_at is null and i.expires_at > ${now}
    ) then 'invited'
    else 'none' end`;
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

/** For `select … for update` before changing a person's access or invitations. */
export async function lockPerson(sql: Sql, id: number): Promise<void> {
  await sql`select id from zdl.personnes where id = ${id} for update`;
}
