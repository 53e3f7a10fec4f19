import type { Sql } from '../db/client.js';
import { listAudit, type AuditRow } from '../audit/list-audit.js';
import { listInvites, type InviteListItem } from '../invites/list-invites.js';
import { accessExpression, type Access } from './access-state.js';
import type { Person } from './person.js';

export interface AccountState {
  email: string | null;
  method: 'password' | 'google' | null;
  activated_at: Date | null;
  revoked_at: Date | null;
}

export interface PersonDetails {
  person: Person;
  access: Access;
  account: AccountState | null;
  invites: InviteListItem[];
  audit: AuditRow[];
}

export async function showPerson(sql: Sql, person: Person, now: Date): Promise<PersonDetails> {
  const [row] = await sql<{ access: Access; account: AccountState | null }[]>`
    select ${accessExpression(sql, now)} as access,
      case when a.id is null then null else json_build_object(
        'email', a.email,
        'method', case when a.password_hash is not null then 'password' when a.google_sub is not null then 'google' end,
        'activated_at', a.activated_at,
        'revoked_at', a.revoked_at) end as account
    from zdl.personnes p left join zdl.accounts a on a.personne_id = p.id
    where p.id = ${person.id}`;
  const account = row?.account
    ? {
        ...row.account,
        activated_at: row.account.activated_at ? new Date(row.account.activated_at) : null,
        revoked_at: row.account.revoked_at ? new Date(row.account.revoked_at) : null,
      }
    : null;
  return {
    person,
    access: row?.access ?? 'none',
    account,
    invites: await listInvites(sql, { status: 'all', personId: person.id }, now),
    audit: await listAudit(sql, { personId: person.id, limit: 10 }),
  };
}
