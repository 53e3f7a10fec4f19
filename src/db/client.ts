import postgres from 'postgres';
import { parseEmbeddedIdle } from './embedded-idle.js';
import { closeEmbeddedHost, connectEmbedded, type EmbeddedPaths } from './embedded-host.js';
import { isConnectionError, isRetryableConflict, toDatabaseError } from './errors.js';
import { parseServerUrl } from './server-options.js';
import { readStatusInTransaction, readStatusOnServer, runTransaction } from './transaction.js';

/** The handle domain functions take first. Inside a transaction it is the transaction's. */
export type Sql = postgres.Sql;

export interface Database {
  readonly kind: 'embedded' | 'server';
  /** Where the data lives, for messages: host:port/db or the embedded data directory. */
  readonly location: string;
  /**
   * Runs `fn` in one transaction. Every statement goes through here: the embedded database is
   * one shared session where only whole transactions are kept together. Resolves only once
   * PostgreSQL confirmed the commit (see transaction.ts).
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /**
   * The deadline in ms, or null for none: long admin operations (import, backup, restore, purge)
   * lift it. Default: the database's own (ZDL_DB_TIMEOUT on a server; none embedded).
   */
  timeoutMs?: number | null;
  /**
   * Reads only: BEGIN READ ONLY, so PostgreSQL refuses a write (25006) and the commit needs no
   * check (transaction.ts). For the reads on every request or command's path.
   */
  readOnly?: boolean;
}

const silence = () => {};
const MAX_CONFLICT_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'serveur PostgreSQL';
  }
}

/** Wraps a postgres.js client; used by the two connectors below and by the test harness. */
export function createDatabase(
  sql: Sql,
  kind: Database['kind'],
  location: string,
  onClose: () => Promise<void> = async () => {},
  defaults: { timeoutMs?: number | null } = {},
): Database {
  // Only the embedded host hands connections over; a server's lost connection is an error.
  const retryOnConnectionLoss = kind === 'embedded';
  // The embedded session takes statements only inside transactions; a server takes them bare.
  const readStatus = kind === 'embedded' ? readStatusInTransaction(sql) : readStatusOnServer(sql);
  return {
    kind,
    location,
    async transaction<T>(fn: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const timeoutMs = options.timeoutMs === undefined ? (defaults.timeoutMs ?? null) : options.timeoutMs;
      const body =
        timeoutMs === null || kind === 'embedded'
          ? fn
          : (tx: Sql) => {
              // The server cancels a statement that outlives the deadline (a lock held too long);
              // SET LOCAL lasts one transaction, so it is safe behind a transaction pooler.
              // Pipelined before fn's first statement: no extra round trip.
              tx.unsafe(`set local statement_timeout = ${Math.ceil(timeoutMs)}`).catch(() => {});
              return fn(tx);
            };
      // A host hand-over closes idle or just-opened connections before anything ran on them
      // (open transactions are drained first), so re-running the transaction is safe there.
      for (let attempt = 1; ; attempt++) {
        try {
          return await runTransaction(sql, location, readStatus, body, timeoutMs, options.readOnly === true);
        } catch (error) {
          if (retryOnConnectionLoss && attempt < 4 && isConnectionError(error)) continue;
          // A deadlock or serialization failure rolled the whole transaction back; every zdl
          // transaction only reads and writes the database (e-mail leaves after the commit), so
          // running it again is safe (PostgreSQL manual §13.6: retry on 40001 / 40P01).
          if (attempt < MAX_CONFLICT_ATTEMPTS && isRetryableConflict(error)) {
            await sleep(Math.random() * 20 * attempt);
            continue;
          }
          throw toDatabaseError(error, location);
        }
      }
    },
    async close() {
      await sql.end({ timeout: 5 });
      await onClose();
    },
  };
}

export interface ServerConnectOptions {
  /** Named prepared statements; default off (transaction-mode poolers, see README). */
  prepare?: boolean;
  max?: number;
  /** Every transaction's deadline unless it lifts it (ZDL_DB_TIMEOUT); default none. */
  timeoutMs?: number | null;
}

/** Whether named prepared statements are on: ZDL_DB_PREPARE, else the URL's ?prepare=, else off. */
export function resolvePrepare(url: string, setting: boolean | undefined): boolean {
  return setting ?? parseServerUrl(url).prepare ?? false;
}

export function connectServer(url: string, options: ServerConnectOptions = {}): Database {
  const server = parseServerUrl(url);
  const sql = postgres(server.url, {
    max: options.max ?? 10,
    // Off unless asked for: behind a transaction-mode pooler a named statement prepared on one
    // backend is missing on the next (26000). The cost of planning each statement is measured by
    // bench/prepare.mjs (README).
    prepare: options.prepare ?? server.prepare ?? false,
    ssl: server.ssl,
    // zdl reads no custom or array types (the embedded database runs without them too): no
    // catalogue query on each new connection.
    fetch_types: false,
    onnotice: silence,
    connect_timeout: 10,
    idle_timeout: 30,
    connection: { application_name: 'zdl' },
  });
  return createDatabase(sql, 'server', describeServer(url), undefined, { timeoutMs: options.timeoutMs ?? null });
}

export interface EmbeddedConnectOptions {
  onCreate?: (paths: EmbeddedPaths) => void;
  /** ZDL_EMBEDDED_IDLE in ms (0: host in-process); default: read from the environment. */
  idleMs?: number;
  /** `zdl serve`: the long-lived host, in-process, taking over from an idle host. */
  longLivedHost?: boolean;
}

export function connectEmbeddedDatabase(paths: EmbeddedPaths, connect: EmbeddedConnectOptions = {}): Database {
  const host = {
    onCreate: connect.onCreate,
    idleMs: connect.longLivedHost ? 0 : (connect.idleMs ?? parseEmbeddedIdle(process.env.ZDL_EMBEDDED_IDLE)),
    displaceIdleHost: connect.longLivedHost === true,
  };
  const options = {
    socket: () => connectEmbedded(paths, host),
    username: 'postgres',
    database: 'postgres',
    // One shared PostgreSQL session behind the socket: no named statements, no type fetch
    // outside a transaction, one connection per process.
    max: 1,
    prepare: false,
    fetch_types: false,
    onnotice: silence,
  };
  // `socket` (a connected-socket factory) is supported by postgres.js but missing from its types.
  const sql = postgres(options as postgres.Options<Record<string, never>>);
  return createDatabase(sql, 'embedded', paths.pgdata, () => closeEmbeddedHost(paths.dataDir));
}
