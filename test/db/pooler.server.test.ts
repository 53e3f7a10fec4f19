import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import postgres from 'postgres';
import { connectServer, type Database } from '../../src/db/client.js';
import { applyPendingMigrations } from '../../src/db/migrations.js';
import { isZdlError } from '../../src/errors.js';
import { runCli } from '../support/cli.js';
import { createServerDatabase, TEST_SECRET_KEY, type TestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, invitePerson, makeApp, postForm, readOutbox, uniqueEmail } from '../support/http.js';
import { type Bouncer, startPgBouncer } from '../support/pgbouncer.js';
import { serverAdminUrl } from '../support/database.js';

// The silent loss of issue 13, against Debian's PgBouncer 1.18 in transaction mode: with named
// prepared statements forced on, a transaction whose statements were prepared on another backend
// must fail — never be reported as committed.

let bouncer: Bouncer;
let direct: string;
let pooled: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createServerDatabase();
  direct = created.url;
  drop = created.drop;
  bouncer = await startPgBouncer(serverAdminUrl());
  pooled = bouncer.through(direct);
  const db = connectServer(direct, { max: 1 });
  await applyPendingMigrations(db);
  await db.transaction((tx) => tx`create table public.pooler_probe (note text not null)`);
  await db.close();
});
afterAll(async () => {
  await bouncer.stop();
  await drop();
});

async function countProbes(): Promise<number> {
  const sql = postgres(direct, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.pooler_probe`;
  await sql.end();
  return row!.n;
}

describe('through PgBouncer in transaction mode', () => {
  test('zdl doctor tells the pooler from a direct connection and names the setting in force', async () => {
    const doctor = async (env: Record<string, string>) => {
      const result = await runCli(['doctor', '--json'], { env, cwd: process.cwd() });
      return JSON.parse(result.stdout).checks.find((check: { name: string }) => check.name === 'pooler');
    };
    expect(await doctor({ DATABASE_URL: direct })).toMatchObject({ ok: true });
    expect((await doctor({ DATABASE_URL: direct })).detail).toContain('aucun pooler en mode transaction');
    const pooledDefault = await doctor({ DATABASE_URL: pooled });
    expect(pooledDefault.ok).toBe(true);
    expect(pooledDefault.detail).toMatch(
      /^pooler en mode transaction .* instructions préparées désactivées \(défaut\)$/,
    );
    const pooledPrepared = await doctor({ DATABASE_URL: pooled, ZDL_DB_PREPARE: 'true' });
    expect(pooledPrepared.ok).toBe(false);
    expect(pooledPrepared.detail).toContain('mettez ZDL_DB_PREPARE=false');
  });

  test('a transaction moved to another backend with prepare on is an error, and nothing is written', async () => {
    const db = connectServer(pooled, { prepare: true, max: 1 });
    const holders: postgres.Sql[] = [];
    const release: Array<() => void> = [];
    try {
      // First transaction: its statements (and postgres.js' `commit`) get prepared on backend P.
      const pid = await db.transaction(async (tx) => {
        const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        return row!.pid;
      });
      // Other clients of the bouncer hold backends in open transactions until one holds P.
      let held = false;
      for (let i = 0; i < 8 && !held; i++) {
        const holder = postgres(pooled, { max: 1, prepare: false, onnotice: () => {} });
        holders.push(holder);
        const got = new Promise<number>((resolve) => {
          void holder.begin(async (tx) => {
            const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
            resolve(row!.pid);
            await new Promise<void>((done) => release.push(done));
          });
        });
        held = (await got) === pid;
      }
      expect(held).toBe(true);
      // The next transaction runs on another backend where none of those statements exist.
      const outcome = await db
        .transaction((tx) => tx`insert into public.pooler_probe (note) values ('perdu ?')`)
        .then(
          () => 'reported as committed',
          (error: unknown) => error,
        );
      expect(isZdlError(outcome) && outcome.kind === 'operational').toBe(true);
      expect(await countProbes()).toBe(0);
    } finally {
      for (const done of release) done();
      await Promise.all(holders.map((holder) => holder.end({ timeout: 5 })));
      await db.close();
    }
  });

  test('with prepare on, every activation answered 200 is committed, the others are 503 pages', async () => {
    const db: Database = connectServer(pooled, { prepare: true, max: 4 });
    const setup = connectServer(direct, { max: 2 });
    const t = {
      db,
      env: { DATABASE_URL: pooled, ZDL_SECRET_KEY: TEST_SECRET_KEY },
      dir: mkdtempSync(path.join(os.tmpdir(), 'zdl-pooler-')),
    } as TestDatabase;
    try {
      const { app, clock, outbox, logs } = makeApp(t);
      // Each types the address on file: activated at once, no confirmation step.
      const emails = Array.from({ length: 6 }, () => uniqueEmail('pooler'));
      const invited = await Promise.all(emails.map((email) => invitePerson(setup, clock(), { email })));
      const responses = await Promise.all(
        invited.map((invite, i) =>
          postForm(app, '/activate', {
            code: invite.code,
            mode: 'password',
            email: emails[i]!,
            password: GOOD_PASSWORD,
            password_confirm: GOOD_PASSWORD,
          }),
        ),
      );
      await app.settle();
      expect(logs.error.filter((line) => !line.startsWith('Service indisponible'))).toEqual([]);
      const verify = postgres(direct, { max: 1, onnotice: () => {} });
      const rows = await verify<{ personne_id: number }[]>`
        select personne_id from zdl.accounts where personne_id in ${verify(invited.map((i) => i.personId))}`;
      await verify.end();
      const committed = new Set(rows.map((row) => row.personne_id));
      invited.forEach((invite, i) => {
        const status = responses[i]!.status;
        expect([200, 503]).toContain(status);
        expect(committed.has(invite.personId)).toBe(status === 200);
      });
      // The « accès activé » notice goes only to accounts that exist.
      const committedEmails = emails.filter((_, i) => committed.has(invited[i]!.personId));
      for (const mail of readOutbox(outbox)) expect(committedEmails).toContain(mail.to[0]!.email);
    } finally {
      await db.close();
      await setup.close();
      rmSync(t.dir, { recursive: true, force: true });
    }
  });
});
