import type { Sql } from '../db/client.js';

export interface AuditEntry {
  actor: string;
  action: string;
  personId?: number | null;
  /** Facts about the change. Never a code, token, OTP or password. */
  detail?: Record<string, unknown>;
}

export async function recordAudit(sql: Sql, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  await sql`
    insert into zdl.audit_log (at, actor, action, personne_id, detail)
    values (${at}, ${entry.actor}, ${entry.action}, ${entry.personId ?? null}, ${sql.json((entry.detail ?? {}) as never)})`;
}

/**
 * The audit rows of a change, as one data-modifying part of the statement that makes it (`with
 * changed as (…), audited as (auditRowsFrom(…)) …`): one row per row of `from`, so none when the
 * change wrote nothing. `personId` and `detail` are SQL expressions over `from`.
 */
export function auditRowsFrom(
  sql: Sql,
  entry: { actor: string; action: string; at: Date },
  from: ReturnType<Sql>,
  personId: ReturnType<Sql>,
  detail: ReturnType<Sql>,
) {
  return sql`
    insert into zdl.audit_log (at, actor, action, personne_id, detail)
    select ${entry.at}, ${entry.actor}, ${entry.action}, ${personId}, ${detail} from ${from}`;
}
