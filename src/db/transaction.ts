import type postgres from 'postgres';
import { ZdlError } from '../errors.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { isConnectionError } from './errors.js';

// A transaction that resolves only if it really committed.
//
// PostgreSQL answers COMMIT on an aborted transaction with the command tag ROLLBACK and no error
// (docs, COMMIT: "If the transaction was aborted, it is rolled back"). postgres.js' sql.begin()
// ignores that tag, and with named prepared statements behind a transaction-mode pooler its
// `commit` fails with 26000 on another backend and is retried into exactly that silent ROLLBACK
// (porsager/postgres PR #1212): the caller is told "saved" and nothing is.
//
// zdl cannot read the tag without running BEGIN/COMMIT itself on a reserved connection, and
// postgres.js 3.4.9's reserve() is not safe here (it never resolves on a cold pool with
// fetch_types off — the embedded path — and a released dead connection breaks the pool,
// porsager/postgres #1199). So the transaction asks PostgreSQL instead: its last statement reads
// its own transaction id (only assigned once it wrote something), and after COMMIT
// pg_xact_status() must say `committed`. A read-only transaction has nothing to lose and no id.
// Failures at COMMIT itself (a deferred constraint…) become COMMIT_FAILED too.

export type TransactionSql = postgres.Sql;

/** Asks, in whatever way the database allows, the status of a transaction id. */
export type XactStatusReader = (xid: string) => Promise<string | null>;

function commitFailed(location: string, cause?: unknown): ZdlError {
  return new ZdlError(
    'COMMIT_FAILED',
    'operational',
    `Transaction non validée (${location}) : la base l'a annulée, rien n'a été enregistré`,
    { cause },
  );
}

function commitUnknown(location: string, cause: unknown): ZdlError {
  return new ZdlError(
    'COMMIT_UNKNOWN',
    'operational',
    `Connexion perdue pendant la validation (${location}) : la transaction a peut-être été enregistrée, vérifiez avant de recommencer`,
    { cause },
  );
}

const STATUS_ATTEMPTS = 4;

/**
 * Reads a transaction's status, surviving a lost connection: the status of a transaction id is
 * durable, so a new connection (or the embedded database's next host) answers for the old one.
 */
async function readFinalStatus(readStatus: XactStatusReader, xid: string): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      const status = await readStatus(xid);
      // A server may still be finishing the COMMIT of a connection that just dropped.
      if (status !== 'in progress' || attempt === STATUS_ATTEMPTS) return status;
    } catch (error) {
      if (!isConnectionError(error) || attempt === STATUS_ATTEMPTS) throw error;
    }
    await sleep(50 * attempt);
  }
}

function timedOut(location: string, deadlineMs: number): ZdlError {
  return new ZdlError(
    'DATABASE_TIMEOUT',
    'operational',
    `La base de données ne répond pas (${location}) : rien n'a été enregistré après ${deadlineMs / 1000} s d'attente (ZDL_DB_TIMEOUT)`,
  );
}

/**
 * Runs `fn` in one transaction; resolves only once PostgreSQL confirms the commit. With a
 * deadline, a transaction not ready to commit by then is abandoned: it rejects at once with
 * DATABASE_TIMEOUT, and if the server wakes up later the transaction rolls back instead of
 * committing (the check sits right before COMMIT), so a late commit never follows a refusal.
 */
export async function runTransaction<T>(
  sql: postgres.Sql,
  location: string,
  readStatus: XactStatusReader,
  fn: (tx: TransactionSql) => Promise<T>,
  deadlineMs: number | null = null,
  readOnly = false,
): Promise<T> {
  const state: CommitState = { expired: null, committing: false, readOnly };
  let timer: NodeJS.Timeout | undefined;
  const work = commitVerified(sql, location, readStatus, fn, state);
  if (deadlineMs === null) return work;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      state.expired = timedOut(location, deadlineMs);
      // COMMIT already sent: saved or not, only the server knows, and it does not answer.
      reject(state.committing ? commitUnknown(location, state.expired) : state.expired);
    }, deadlineMs);
  });
  work.catch(() => {}); // abandoned at the deadline: its late outcome has nobody to tell
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Shared by a transaction and its deadline: the deadline's error once it passed; whether COMMIT was sent. */
interface CommitState {
  expired: ZdlError | null;
  committing: boolean;
  /**
   * BEGIN READ ONLY: PostgreSQL refuses any write in it (25006), so it never gets a transaction
   * id and there is nothing to verify: the id is not asked for (one statement fewer).
   */
  readOnly: boolean;
}

async function commitVerified<T>(
  sql: postgres.Sql,
  location: string,
  readStatus: XactStatusReader,
  fn: (tx: TransactionSql) => Promise<T>,
  state: CommitState,
): Promise<T> {
  let xid: string | null = null;
  let result!: T;
  let commitError: unknown;
  try {
    await sql.begin(state.readOnly ? 'read only' : '', async (tx) => {
      // postgres.js' TransactionSql type loses the call signature (postgres.js #1163).
      result = await fn(tx as unknown as TransactionSql);
      // Not sent before fn's first statement: that may have to be SET TRANSACTION (a backup's).
      // A simple query, never a named statement: it cannot be the one a pooler's backend lacks.
      if (!state.readOnly) {
        const [row] = await tx.unsafe<{ xid: string | null }[]>('select pg_current_xact_id_if_assigned()::text as xid');
        xid = row?.xid ?? null;
      }
      if (state.expired) throw state.expired; // ROLLBACK, not a late COMMIT
      state.committing = true;
    });
  } catch (error) {
    if (!state.committing) throw error;
    commitError = error;
  }
  const failed = commitError !== undefined;
  // Nothing written (no transaction id): what was read stands even if COMMIT's answer was lost.
  if (xid === null) {
    if (failed && !isConnectionError(commitError)) throw commitFailed(location, commitError);
    return result;
  }
  // Whether COMMIT answered or not, PostgreSQL has the last word: a COMMIT whose answer was lost
  // with the connection may have committed, and one that "succeeded" may have rolled back.
  let status: string | null;
  try {
    status = await readFinalStatus(readStatus, xid);
  } catch (error) {
    throw commitUnknown(location, failed ? commitError : error);
  }
  if (status === 'committed') return result;
  if (status === 'aborted' || !failed || !isConnectionError(commitError)) throw commitFailed(location, commitError);
  throw commitUnknown(location, commitError);
}

/** A server: one query outside any transaction. */
export function readStatusOnServer(sql: postgres.Sql): XactStatusReader {
  return async (xid) => {
    // Never a named statement: this is the check that must work on whichever backend a
    // transaction-mode pooler hands out (a named one is retried into a hang, postgres.js 3.4.9).
    // A simple query: one round trip, where a parameter costs postgres.js a Describe first.
    const [row] = await sql.unsafe<{ status: string | null }[]>(statusQuery(xid));
    return row?.status ?? null;
  };
}

/** The embedded database: every statement inside a transaction (one shared session). */
export function readStatusInTransaction(sql: postgres.Sql): XactStatusReader {
  return async (xid) => {
    const rows = (await sql.begin((tx) => tx.unsafe(statusQuery(xid)))) as unknown as { status: string | null }[];
    return rows[0]?.status ?? null;
  };
}

/** The xid is PostgreSQL's own xid8 as text (digits only), written as a literal. */
function statusQuery(xid: string): string {
  if (!/^\d+$/.test(xid)) throw new Error(`identifiant de transaction inattendu : ${xid}`);
  return `select pg_xact_status('${xid}'::xid8) as status`;
}
