import postgres from 'postgres';
import { parseServerUrl } from './server-options.js';

// Is a transaction-mode pooler (PgBouncer `pool_mode = transaction`, Supavisor on Supabase's port
// 6543) between zdl and PostgreSQL? Asked the way it shows: PostgreSQL ties a client connection to
// one backend for its whole life, a transaction pooler hands backends out per transaction. So
// client A reads its backend pid, client B opens a transaction, and A reads its pid again. Directly
// (or through a session-mode pooler, harmless here) A's pid never changes and B never gets it.
// Used by `zdl doctor` only: zdl does not rely on it (prepared statements are off by default).

export interface PoolerReport {
  transactionPooler: boolean;
  /** French, for doctor: what was seen. */
  evidence: string;
}

const backendPid = async (sql: postgres.Sql | postgres.TransactionSql): Promise<number> => {
  const [row] = await (sql as postgres.Sql)<{ pid: number }[]>`select pg_backend_pid() as pid`;
  return row!.pid;
};

/** One round: A's backend before and after B held one in an open transaction; B's backend. */
async function probeOnce(a: postgres.Sql, b: postgres.Sql): Promise<{ first: number; other: number; second: number }> {
  const first = (await a.begin((tx) => backendPid(tx))) as number;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let holderPid: Promise<number> | undefined;
  const holding = b.begin(async (tx) => {
    holderPid = Promise.resolve(backendPid(tx));
    await holderPid;
    await held;
  });
  while (!holderPid) await new Promise((resolve) => setImmediate(resolve));
  const other = await holderPid;
  const second = (await a.begin((tx) => backendPid(tx))) as number;
  release();
  await holding;
  return { first, other, second };
}

// A pooler with idle backends to spare may hand A the same one twice in a round (PgBouncer
// reuses the last released first, and another client may take the one B would have had): one
// change in a few rounds is proof, a direct connection never shows one.
const ROUNDS = 5;

export async function detectPooler(url: string): Promise<PoolerReport> {
  const server = parseServerUrl(url);
  const options = { max: 1, prepare: false, ssl: server.ssl, onnotice: () => {}, connect_timeout: 10 };
  const a = postgres(server.url, options);
  const b = postgres(server.url, options);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const { first, other, second } = await probeOnce(a, b);
      if (other === first) {
        return { transactionPooler: true, evidence: 'deux connexions ont reçu le même processus serveur' };
      }
      if (second !== first) {
        return { transactionPooler: true, evidence: 'pg_backend_pid() change entre deux transactions' };
      }
    }
    const port = new URL(server.url).port;
    return {
      transactionPooler: false,
      evidence: port === '6543' ? 'port 6543 (pooler de Supabase ?) mais sessions stables' : 'sessions stables',
    };
  } finally {
    await Promise.all([a.end({ timeout: 5 }), b.end({ timeout: 5 })]);
  }
}
