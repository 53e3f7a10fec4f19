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

export interface ImportOptions extends ActorContext {
  invite: boolean;
  validityMs?: number;
  keys: InviteCodeKeys;
  /** After each batch the database has taken: the rows written so far. */
  onProgress?: (done: number) => void;
  /** Checked before each batch: aborting (Ctrl-C) throws its reason, rolling the transaction back. */
  signal?: AbortSignal;
}

/** Writes batches of validated rows inside the caller's transaction, while the next is prepared. */
export interface PersonsWriter {
  /** Sends a batch; resolves once fewer than two batches are in flight (bounded memory). */
  write(batch: CsvPerson[]): Promise<void>;
  /** Every row written, with its ids, in the order of the batches; throws if one failed. */
  finish(): Promise<ImportedPerson[]>;
}

interface BatchIds {
  n: number;
  id: number;
  invite_id: number | null;
}

/**
 * One statement a batch, one array parameter a column (bounded by memory, not by PostgreSQL's
 * 65 535 parameters): each row draws its person id (and invitation id) from the identity
 * sequences in a materialized CTE, then the person, the invitation and the audit entries
 * (person.created, then invite.issued: the order of before) are inserted from it. The ids come
 * back by row number, whatever order the server inserts in, so nothing waits for an answer
 * before the next batch is sent.
 */
async function insertBatch(
  sql: Sql,
  batch: CsvPerson[],
  codes: string[],
  options: ImportOptions & { expiresAt: Date },
): Promise<BatchIds[]> {
  const { now, actor, expiresAt, keys } = options;
  const column = (field: keyof CsvPerson['input']) => textArray(batch.map(({ input }) => input[field]));
  const hashes = textArray(codes.map((code) => hashInviteCode(keys, code).hash.toString('hex')));
  const rows = await sql<BatchIds[]>`
    with sequences as materialized (
      select pg_get_serial_sequence('zdl.personnes', 'id')::regclass as person,
        pg_get_serial_sequence('zdl.user_invites', 'id')::regclass as invite
    ), t as materialized (
      select nextval(s.person)::int as id, case when ${options.invite} then nextval(s.invite)::int end as invite_id, t.*
      from sequences s, unnest(${column('nom')}::text[], ${column('prenom')}::text[], ${column('telephone1')}::text[],
          ${column('telephone2')}::text[], ${column('email')}::text[], ${column('role')}::text[],
          ${intArray(batch.map(({ line }) => line))}::int[], ${hashes}::text[])
        with ordinality as t(nom, prenom, telephone1, telephone2, email, role, line, hash, n)
    ), persons as (
      insert into zdl.personnes (id, nom, prenom, telephone1, telephone2, email, role, created_at, updated_at)
      overriding system value
      select id, nom, prenom, telephone1, telephone2, email, role, ${now}, ${now} from t
    ), invites as (
      insert into zdl.user_invites (id, code_hash, code_key_id, personne_id, created_at, expires_at, created_by)
      overriding system value
      select invite_id, decode(hash, 'hex'), ${keys.current.id}, id, ${now}, ${expiresAt}, ${actor}
      from t where invite_id is not null
    ), audit as (
      insert into zdl.audit_log (at, actor, action, personne_id, detail)
      select ${now}, ${actor}, e.action, t.id, e.detail
      from t cross join lateral (values
        (1, 'person.created', jsonb_build_object('role', t.role, 'via', 'import', 'line', t.line)),
        (2, 'invite.issued', jsonb_build_object('invite_id', t.invite_id,
          'expires_at', ${expiresAt.toISOString()}::text, 'replaced', 0))
      ) as e(k, action, detail)
      where e.k = 1 or t.invite_id is not null
      order by t.n, e.k
    )
    select n::int, id, invite_id from t`;
  return rows;
}

/** A writer of batches (and their invitations) inside the caller's transaction. */
export function createPersonsWriter(sql: Sql, options: ImportOptions): PersonsWriter {
  const expiresAt = new Date(options.now.getTime() + (options.validityMs ?? DEFAULT_INVITE_VALIDITY_MS));
  const imported: ImportedPerson[] = [];
  let previous: Promise<unknown> = Promise.resolve();

  const written = async (batch: CsvPerson[], codes: string[], ids: Promise<BatchIds[]>) => {
    for (const { n, id, invite_id } of await ids) {
      const { line, input } = batch[n - 1]!;
      // What `returning *` gave: the row as sent, with its id and timestamps.
      const person: Person = { id, ...input, created_at: options.now, updated_at: options.now };
      const invite = invite_id === null ? null : { id: invite_id, code: codes[n - 1]!, expires_at: expiresAt };
      imported.push({ line, person, invite });
    }
  };

  return {
    async write(batch) {
      options.signal?.throwIfAborted();
      if (batch.length === 0) return;
      const codes = options.invite ? batch.map(() => generateInviteCode()) : [];
      const ids = insertBatch(sql, batch, codes, { ...options, expiresAt }); // sent now
      // In file order: a batch's rows are listed once the one before it is.
      const done = previous.then(() => written(batch, codes, ids));
      // Awaited below or in finish(); if an earlier batch failed first, dropped with the rolled-back transaction.
      ids.catch(() => {});
      done.catch(() => {});
      await previous;
      if (imported.length > 0) options.onProgress?.(imported.length);
      previous = done;
    },
    async finish() {
      await previous;
      options.onProgress?.(imported.length);
      return imported;
    },
  };
}
