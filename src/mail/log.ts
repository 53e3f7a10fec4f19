import type { Sql } from '../db/client.js';
import type { EmailAttempt, MailTemplate } from './message.js';

// zdl.email_log: one row per delivery attempt, so an admin can answer "did the invitation
// leave?" without MailerSend's dashboard. Rows never hold a subject or body (they carry secrets).

export interface EmailLogRow {
  id: number;
  at: Date;
  to: string;
  personne_id: number | null;
  template: MailTemplate;
  provider_message_id: string | null;
  status: EmailAttempt['status'];
  attempt: number;
  error: string | null;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1_000;

/** Delivery attempts, one row each in the given order, in one statement. */
export async function recordEmailAttempts(sql: Sql, attempts: readonly EmailAttempt[]): Promise<void> {
  const rows = attempts.map((attempt) => ({
    to_address: attempt.to,
    personne_id: attempt.personId,
    template: attempt.template,
    provider_message_id: attempt.providerMessageId,
    status: attempt.status,
    attempt: attempt.attempt,
    error: attempt.error,
  }));
  await sql`insert into zdl.email_log ${sql(rows, 'to_address', 'personne_id', 'template', 'provider_message_id', 'status', 'attempt', 'error')}`;
}

/** How many attempts the log holds (for one person), to say how many a list left out. */
export async function countEmailLog(sql: Sql, options: { personId?: number | null } = {}): Promise<number> {
  const filter = options.personId == null ? sql`` : sql`where personne_id = ${options.personId}`;
  const [row] = await sql`select count(*)::int as n from zdl.email_log ${filter}`;
  return row!.n as number;
}

/** Newest first; `limit: null` lists them all (`zdl mail log --all`). */
export async function listEmailLog(
  sql: Sql,
  options: { personId?: number | null; limit?: number | null } = {},
): Promise<EmailLogRow[]> {
  const limit =
    options.limit === null ? null : Math.min(Math.max(1, Math.trunc(options.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const filter = options.personId == null ? sql`` : sql`where personne_id = ${options.personId}`;
  const rows = await sql`
    select id, at, to_address, personne_id, template, provider_message_id, status, attempt, error
    from zdl.email_log
    ${filter}
    order by at desc, id desc
    ${limit === null ? sql`` : sql`limit ${limit}`}
  `;
  // bigint columns arrive as strings from postgres.js; ids stay far below 2^53.
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at as Date,
    to: row.to_address as string,
    personne_id: row.personne_id == null ? null : Number(row.personne_id),
    template: row.template as MailTemplate,
    provider_message_id: (row.provider_message_id as string | null) ?? null,
    status: row.status as EmailAttempt['status'],
    attempt: Number(row.attempt),
    error: (row.error as string | null) ?? null,
  }));
}
