import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectServer, type Database } from '../../src/db/client.js';
import { applyPendingMigrations } from '../../src/db/migrations.js';
import { isZdlError } from '../../src/errors.js';
import { runCli } from '../support/cli.js';
import { TEST_SECRET_KEY, type TestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, invitePerson, makeApp, postForm, uniqueEmail } from '../support/http.js';
import { type ScratchCluster, startScratchCluster } from '../support/scratch-cluster.js';

// A PostgreSQL that stalls (every process paused with SIGSTOP: TCP still accepted, nothing
// answered) must not hang pages or commands: a French 503 or exit 1 by ZDL_DB_TIMEOUT, and the
// abandoned transaction rolls back when the server wakes up instead of committing late.

let cluster: ScratchCluster;
let url: string;
let db: Database;
let scratch: string;

beforeAll(async () => {
  cluster = await startScratchCluster();
  url = `postgres://postgres@127.0.0.1:${cluster.port}/postgres`;
  db = connectServer(url, { max: 2, timeoutMs: 1500 });
  await applyPendingMigrations(db);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'zdl-stalled-'));
});
afterAll(async () => {
  await db?.close();
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function whileFrozen<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  await db.transaction((tx) => tx`select 1`); // warm connections: the stall hits queries, not connects
  cluster.freeze();
  const started = Date.now();
  try {
    const value = await run();
    return { value, ms: Date.now() - started };
  } finally {
    cluster.thaw();
  }
}

async function countPersons(nom: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from zdl.personnes where nom = ${nom}`;
  await sql.end();
  return row!.n;
}

describe('a stalled server', () => {
  test('a transaction gives up at the deadline, and rolls back when the server wakes up', async () => {
    const { value, ms } = await whileFrozen(() =>
      db
        .transaction((tx) => tx`insert into zdl.personnes (nom, prenom) values ('Gelé', 'Tardif') returning id`)
        .then(
          () => 'committed',
          (error: unknown) => (isZdlError(error) ? error.code : String(error)),
        ),
    );
    expect(value).toBe('DATABASE_TIMEOUT');
    expect(ms).toBeLessThan(4000);
    // The server runs the stuck INSERT once thawed; the transaction must then roll back.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.transaction((tx) => tx`select 1 as ok`)).toEqual([{ ok: 1 }]);
    expect(await countPersons('Gelé')).toBe(0);
  });

  test('every statement runs under the server-side statement_timeout too', async () => {
    const [row] = await db.transaction((tx) => tx<{ statement_timeout: string }[]>`show statement_timeout`);
    expect(row!.statement_timeout).toBe('1500ms');
  });

  test('an activation is a French 503 page within the deadline; the code still works afterwards', async () => {
    const t = { db, env: { DATABASE_URL: url, ZDL_SECRET_KEY: TEST_SECRET_KEY }, dir: scratch } as TestDatabase;
    const { app, clock, logs } = makeApp(t);
    const invite = await invitePerson(db, clock(), { email: uniqueEmail('gel') });
    const fields = {
      code: invite.code,
      mode: 'password',
      email: invite.email!,
      password: GOOD_PASSWORD,
      password_confirm: GOOD_PASSWORD,
    };
    const { value: response, ms } = await whileFrozen(() => postForm(app, '/activate', fields));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('<html lang="fr">');
    expect(ms).toBeLessThan(5000);
    expect(logs.error.join('\n')).toContain('ne répond pas');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const retried = await postForm(app, '/activate', fields);
    expect(retried.status).toBe(200);
    await app.settle();
  });

  test('a command exits 1 with one clear line, within seconds', async () => {
    const { value: result, ms } = await whileFrozen(() =>
      runCli(['persons', 'add', '--nom', 'Gelée', '--prenom', 'Commande'], {
        env: { DATABASE_URL: url, ZDL_DB_TIMEOUT: '2s' },
        cwd: scratch,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Erreur : La base de données ne répond pas \(127\.0\.0\.1:\d+\/postgres\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(ms).toBeLessThan(12_000);
    expect(await countPersons('Gelée')).toBe(0);
  });
});
