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
