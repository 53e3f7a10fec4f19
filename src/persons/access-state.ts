import type { Sql } from '../db/client.js';

// The four states a person's access can be in, listed once: CLI filters, labels and SQL use these.
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
