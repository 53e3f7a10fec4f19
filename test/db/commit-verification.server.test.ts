import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readStatusOnServer, runTransaction, type XactStatusReader } from '../../src/db/transaction.js';
import { isZdlError } from '../../src/errors.js';
import { createServerDatabase } from '../support/database.js';

// runTransaction asks PostgreSQL, after COMMIT, what became of the transaction. These cases make
// that answer matter: a status read that loses its connection, a COMMIT that "succeeded" into a
// rollback, a backend killed at COMMIT.

let sql: postgres.Sql;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createServerDatabase();
  drop = created.drop;
  sql = postgres(created.url, { max: 2, onnotice: () => {} });
  await sql`create table public.probe (note text not null)`;
  await sql.unsafe(`
    create function public.die_at_commit() returns trigger language plpgsql as $$
    begin if new.note = 'meurt' then perform pg_terminate_backend(pg_backend_pid()); end if; return null; end $$`);
  await sql.unsafe(`
    create constraint trigger die_at_commit after insert on public.probe
    deferrable initially deferred for each row execute function public.die_at_commit()`);
});
afterAll(async () => {
  await sql.end({ timeout: 5 });
  await drop();
});

const insert = (note: string) => (tx: postgres.Sql) =>
  tx`insert into public.probe (note) values (${note}) returning note`;

async function count(note: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.probe where note = ${note}`;
  return row!.n;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'committed',
    (error: unknown) => (isZdlError(error) ? error.code : String(error)),
  );
}

describe('commit verification', () => {
  test('a status read that loses its connection is asked again, and the commit stands', async () => {
    let calls = 0;
    const flaky: XactStatusReader = async (xid) => {
      if (++calls === 1) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return readStatusOnServer(sql)(xid);
    };
    const rows = await runTransaction(sql, 'test', flaky, insert('relu'));
    expect(rows).toEqual([{ note: 'relu' }]);
    expect(calls).toBe(2);
    expect(await count('relu')).toBe(1);
  });

  test('a COMMIT answered without error whose transaction PostgreSQL calls aborted is COMMIT_FAILED', async () => {
    // What a transaction-mode pooler does to named statements: COMMIT runs as a silent ROLLBACK.
    const lying: XactStatusReader = async () => 'aborted';
    expect(await outcome(runTransaction(sql, 'test', lying, insert('menti')))).toBe('COMMIT_FAILED');
  });

  test('a backend killed at COMMIT: PostgreSQL says aborted, so COMMIT_FAILED, never a success', async () => {
    const result = await outcome(runTransaction(sql, 'test', readStatusOnServer(sql), insert('meurt')));
    expect(result).toBe('COMMIT_FAILED');
    expect(await count('meurt')).toBe(0);
  });

  test('a status that cannot be read at all is COMMIT_UNKNOWN', async () => {
    const gone: XactStatusReader = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    expect(await outcome(runTransaction(sql, 'test', gone, insert('inconnu')))).toBe('COMMIT_UNKNOWN');
  });
});
