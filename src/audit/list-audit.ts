import type { Sql } from '../db/client.js';

export interface AuditFilter {
  personneId?: number;
  action?: string;
  since?: Date;
  limit?: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  person_id: number | null;
  detail: Record<string, unknown>;
}

export async function listAudit(sql: Sql, filter: AuditFilter): Promise<AuditRow[]> {
  // `--action invite` matches invite.issued, invite.revoked…; `--action invite.issued` is exact.
  const action = filter.action?.trim().toLowerCase() ?? null;
  return sql<AuditRow[]>`
    select id, at, actor, action, personne_id as person_id, detail
    from zdl.audit_log
    where (${filter.personneId ?? null}::int is null or personne_id = ${filter.personneId ?? null})
      and (${action}::text is null or action = ${action} or action like ${action ? `${action}.%` : null})
      and (${filter.since ?? null}::timestamptz is null or at >= ${filter.since ?? null})
    order by at desc, id desc
    limit ${filter.limit ?? 50}`;
}
