import postgres from 'postgres';
import { closeEmbeddedHost, connectEmbedded, type EmbeddedPaths } from './embedded-host.js';
import { isConnectionError, toDatabaseError } from './errors.js';

/** The handle domain functions take first. Inside a transaction it is the transaction's. */
export type Sql = postgres.Sql;

export interface Database {
  readonly kind: 'embedded' | 'server';
  /** Where the data lives, for messages: host:port/db or the embedded data directory. */
  readonly location: string;
  /**
   * Runs `fn` in one transaction. Every statement goes through here: the embedded database is
   * one shared session where only whole transactions are kept together.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const silence = () => {};

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
): Database {
  // Only the embedded host hands connections over; a server's lost connection is an error.
  const retryOnConnectionLoss = kind === 'embedded';
  return {
    kind,
    location,
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      // A host hand-over closes idle or just-opened connections before anything ran on them
      // (open transactions are drained first), so re-running the transaction is safe there.
      for (let attempt = 1; ; attempt++) {
        try {
          // postgres.js' TransactionSql type loses the call signature (postgres.js #1163).
          return (await sql.begin((tx) => fn(tx as unknown as Sql))) as T;
        } catch (error) {
          if (retryOnConnectionLoss && attempt < 4 && isConnectionError(error)) continue;
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

export function connectServer(url: string, options: { prepare?: boolean; max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    ...(options.prepare === undefined ? {} : { prepare: options.prepare }),
    onnotice: silence,
    connect_timeout: 10,
    idle_timeout: 30,
    connection: { application_name: 'zdl' },
  });
  return createDatabase(sql, 'server', describeServer(url));
}

export function connectEmbeddedDatabase(paths: EmbeddedPaths, onCreate?: (paths: EmbeddedPaths) => void): Database {
  const options = {
    socket: () => connectEmbedded(paths, { onCreate }),
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
