import type { Sql } from '../db/client.js';

export interface AuditFilter {
  personId?: number;
  action?: string;
  since?: Date;
  /** null: every matching entry. */
  limit?: number | null;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  person_id: number | null;
  detail: Record<string, unknown>;
}

function matching(sql: Sql, filter: AuditFilter) {
  // `--action invite` matches invite.issued, invite.revoked…; `--action invite.issued` is exact.
  const action = filter.action?.trim().toLowerCase() ?? null;
  return sql`
    where (${filter.personId ?? null}::int is null or personne_id = ${filter.personId ?? null})
      and (${action}::text is null or action = ${action} or action like ${action ? `${action}.%` : null})
      and (${filter.since ?? null}::timestamptz is null or at >= ${filter.since ?? null})`;
}

export async function listAudit(sql: Sql, filter: AuditFilter): Promise<AuditRow[]> {
  const limit = filter.limit === null ? sql`` : sql`limit ${filter.limit ?? 50}`;
  return sql<AuditRow[]>`
    select id, at, actor, action, personne_id as person_id, detail
    from zdl.audit_log ${matching(sql, filter)}
    order by at desc, id desc
    ${limit}`;
}

/** How many entries match, to say how many a list left out. */
export async function countAudit(sql: Sql, filter: AuditFilter): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from zdl.audit_log ${matching(sql, filter)}`;
  return row!.n;
}
