import type { Sql } from '../db/client.js';
import { generateInviteCode } from '../invites/code.js';
import { hashInviteCode, type InviteCodeKeys } from '../invites/code-keys.js';
import { DEFAULT_INVITE_VALIDITY_MS } from '../invites/issue-invite.js';
import type { ActorContext } from '../actor.js';
import type { CsvPerson } from './parse-persons-csv.js';
import type { Person } from './person.js';
import { intArray, textArray } from './pg-arrays.js';

export interface ImportedPerson {
  line: number;
  person: Person;
  invite: { id: number; code: string; expires_at: Date } | null;
}

// Rows a statement: one array parameter a column, so the size is bounded by memory, not by
// PostgreSQL's 65 535 parameters; between batches Ctrl-C is noticed and progress shown.
const BATCH = 10_000;

/**
 * Ids for `count` new rows of `table`, taken from its identity sequence: inserting with them
 * (`overriding system value`) pairs each row with its line by position, whatever order the
 * server inserts in. Concurrent inserts draw from the same sequence, so ids never collide.
 */
async function reserveIds(sql: Sql, table: 'zdl.personnes' | 'zdl.user_invites', count: number): Promise<number[]> {
  const [row] = await sql<{ ids: string }[]>`
    select array_to_string(array(
      select nextval(pg_get_serial_sequence(${table}, 'id')) from generate_series(1, ${count}::int)), ',') as ids`;
  return row!.ids.split(',').map(Number);
}

async function insertPersons(sql: Sql, ids: number[], batch: CsvPerson[], now: Date): Promise<void> {
  const column = (field: keyof CsvPerson['input']) => textArray(batch.map(({ input }) => input[field]));
  await sql`
    insert into zdl.personnes (id, nom, prenom, telephone1, telephone2, email, role, created_at, updated_at)
    overriding system value
    select id, nom, prenom, telephone1, telephone2, email, role, ${now}, ${now}
    from unnest(${intArray(ids)}::int[], ${column('nom')}::text[], ${column('prenom')}::text[],
      ${column('telephone1')}::text[], ${column('telephone2')}::text[], ${column('email')}::text[], ${column('role')}::text[])
      as t(id, nom, prenom, telephone1, telephone2, email, role)`;
}

async function insertInvites(
  sql: Sql,
  personIds: number[],
  ids: number[],
  codes: string[],
  options: { keys: InviteCodeKeys; now: Date; expiresAt: Date; actor: string },
): Promise<void> {
  const hashes = codes.map((code) => hashInviteCode(options.keys, code).hash.toString('hex'));
  await sql`
    insert into zdl.user_invites (id, code_hash, code_key_id, personne_id, created_at, expires_at, created_by)
    overriding system value
    select id, decode(hash, 'hex'), ${options.keys.current.id}, personne_id, ${options.now}, ${options.expiresAt},
      ${options.actor}
    from unnest(${intArray(ids)}::int[], ${textArray(hashes)}::text[], ${intArray(personIds)}::int[])
      as t(id, hash, personne_id)`;
}

/** person.created for each row, followed by its invite.issued when it got one: the order of before. */
async function auditBatch(
  sql: Sql,
  rows: { ids: number[]; batch: CsvPerson[]; inviteIds: number[] },
  options: { now: Date; actor: string; expiresAt: Date },
): Promise<void> {
  await sql`
    insert into zdl.audit_log (at, actor, action, personne_id, detail)
    select ${options.now}, ${options.actor}, e.action, t.personne_id, e.detail
    from unnest(${intArray(rows.ids)}::int[], ${textArray(rows.batch.map(({ input }) => input.role))}::text[],
        ${intArray(rows.batch.map(({ line }) => line))}::int[], ${intArray(rows.inviteIds)}::int[])
        with ordinality as t(personne_id, role, line, invite_id, n)
      cross join lateral (values
        (1, 'person.created', jsonb_build_object('role', t.role, 'via', 'import', 'line', t.line)),
        (2, 'invite.issued', jsonb_build_object('invite_id', t.invite_id,
          'expires_at', ${options.expiresAt.toISOString()}::text, 'replaced', 0))
      ) as e(k, action, detail)
    where e.k = 1 or t.invite_id is not null
    order by t.n, e.k`;
}

/**
 * Inserts validated rows (and their invitations) in bulk, inside the caller's transaction. Ids
 * are reserved once, so no statement waits for another's answer: while the server writes one
 * batch, the next one is prepared and sent (two batches in flight at most, to bound memory).
 */
export async function importPersons(
  sql: Sql,
  persons: CsvPerson[],
  options: ActorContext & {
    invite: boolean;
    validityMs?: number;
    keys: InviteCodeKeys;
    onProgress?: (done: number) => void;
    /** Checked before each batch: aborting (Ctrl-C) throws its reason, rolling the transaction back. */
    signal?: AbortSignal;
    /** Rows a batch (tests cross batch boundaries with a few rows). */
    batchSize?: number;
  },
): Promise<ImportedPerson[]> {
  const size = options.batchSize ?? BATCH;
  const { now, actor } = options;
  const expiresAt = new Date(now.getTime() + (options.validityMs ?? DEFAULT_INVITE_VALIDITY_MS));
  if (persons.length === 0) return [];
  const personIds = await reserveIds(sql, 'zdl.personnes', persons.length);
  const allInviteIds = options.invite ? await reserveIds(sql, 'zdl.user_invites', persons.length) : [];
  const imported: ImportedPerson[] = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < persons.length; start += size) {
    options.signal?.throwIfAborted();
    const batch = persons.slice(start, start + size);
    const ids = personIds.slice(start, start + size);
    const inviteIds = allInviteIds.slice(start, start + size);
    const codes = options.invite ? batch.map(() => generateInviteCode()) : [];
    const written = Promise.all([
      insertPersons(sql, ids, batch, now),
      options.invite ? insertInvites(sql, ids, inviteIds, codes, { keys: options.keys, now, expiresAt, actor }) : null,
      auditBatch(sql, { ids, batch, inviteIds }, { now, actor, expiresAt }),
    ]);
    // Awaited below or, if an earlier batch failed first, dropped with the rolled-back transaction.
    written.catch(() => {});
    batch.forEach(({ line, input }, i) => {
      // What `returning *` gave: the row as sent, with its id and timestamps.
      const person: Person = { id: ids[i]!, ...input, created_at: now, updated_at: now };
      const invite = options.invite ? { id: inviteIds[i]!, code: codes[i]!, expires_at: expiresAt } : null;
      imported.push({ line, person, invite });
    });
    await previous;
    if (start > 0) options.onProgress?.(start);
    previous = written;
  }
  await previous;
  options.onProgress?.(imported.length);
  return imported;
}
