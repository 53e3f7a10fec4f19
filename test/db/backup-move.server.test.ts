import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/auth/password-hash.js';
import { connectEmbeddedDatabase, connectServer, type Database } from '../../src/db/client.js';
import { resolveEmbeddedPaths } from '../../src/db/embedded-host.js';
import { readHostLock } from '../../src/db/host-lock.js';
import { stopIdleHost } from '../../src/db/idle-host-control.js';
import { readMigrationFiles } from '../../src/db/migrations.js';
import { spawnCli } from '../support/cli.js';
import { createServerDatabase, type TestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, uniqueEmail } from '../support/http.js';
import { startServeProcess } from '../support/serve-process.js';
import { readAllRows } from '../support/table-rows.js';

// Real processes: `zdl serve` hosting the embedded PostgreSQL 18 (PGlite) while other zdl
// processes back it up or move it, and the local PostgreSQL 15 server on the other side.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function embeddedSetup(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-backup-'));
  const dataDir = path.join(dir, 'data');
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  // `db` connects through the socket of whichever process hosts the data directory.
  const db = connectEmbeddedDatabase(resolveEmbeddedPaths(dataDir));
  cleanups.push(() => db.close());
  const t = { db, env: { ZDL_DATA_DIR: dataDir }, dir };
  // zdl creates and migrates the embedded database on first use (no template on the server run).
  await zdl(t, t.env, 'db', 'migrate');
  return t;
}

async function serverTarget(): Promise<{ url: string; db: Database }> {
  const { url, drop } = await createServerDatabase();
  const db = connectServer(url, { max: 2 });
  cleanups.push(drop, () => db.close());
  return { url, db };
}

async function zdl(t: TestDatabase, env: Record<string, string>, ...argv: string[]) {
  const result = await spawnCli(argv, { env: { ...env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox') }, cwd: t.dir });
  if (result.code !== 0) throw new Error(`zdl ${argv.join(' ')} → ${result.code}\n${result.stderr}`);
  return result;
}

async function invite(t: TestDatabase, nom: string): Promise<{ code: string; email: string }> {
  const email = uniqueEmail(nom.toLowerCase());
  const out = await zdl(
    t,
    t.env,
    'persons',
    'add',
    '--nom',
    nom,
    '--prenom',
    'Test',
    '--email',
    email,
    '--invite',
    '--json',
  );
  return { code: JSON.parse(out.stdout).invite.code, email };
}

async function activate(origin: string, code: string, email: string): Promise<string> {
  const response = await fetch(new URL('/activate', origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({
      code,
      mode: 'password',
      email,
      password: GOOD_PASSWORD,
      password_confirm: GOOD_PASSWORD,
    }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

function backupRows(file: string): Record<string, string[]> {
  const rows: Record<string, string[]> = {};
  let table = '';
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n').slice(1)) {
    const value = JSON.parse(line);
    if (typeof value['@table'] === 'string') {
      table = value['@table'];
      rows[table] = [];
    } else if (value['@end'] === undefined) rows[table]!.push(line);
  }
  for (const lines of Object.values(rows)) lines.sort();
  return rows;
}

describe('the embedded database while zdl serve runs', () => {
  test('a backup taken meanwhile restores into a fresh PostgreSQL 15 database with every row intact', async () => {
    const t = await embeddedSetup();
    const serve = await startServeProcess(t);
    const invited = await invite(t, 'Active');
    expect(await activate(serve.origin, invited.code, invited.email)).toContain('Votre accès est activé');
    await invite(t, 'Invitee');
    const file = path.join(t.dir, 'nightly.zdl.gz');

    // Admin commands keep writing while the backup runs: it still reads one snapshot.
    const [backup] = await Promise.all([
      zdl(t, serve.env, 'db', 'backup', file, '--json'),
      invite(t, 'Pendant'),
      invite(t, 'Pendant'),
    ]);
    expect(JSON.parse(backup.stdout).database).toBe('embedded');
    expect((await fetch(new URL('/healthz', serve.origin))).status).toBe(200);

    const target = await serverTarget();
    const restored = await zdl(t, { DATABASE_URL: target.url }, 'db', 'restore', file, '--json');
    // Every migration in sql/, so that adding one does not break this test.
    expect(JSON.parse(restored.stdout).migrated).toEqual(readMigrationFiles().map((f) => `${f.version}_${f.name}`));
    const copy = await readAllRows(target.db);
    expect(copy).toEqual(backupRows(file));
    expect(copy.accounts).toHaveLength(1);

    const source = await readAllRows(t.db);
    for (const [table, rows] of Object.entries(copy)) {
      for (const row of rows) expect(source[table], table).toContain(row);
    }
    // Only the two concurrent additions may be missing: a person, their invitation, two audit rows each.
    expect(source.personnes!.length - copy.personnes!.length).toBeLessThanOrEqual(2);
    expect(await serve.stop()).toBe(0);
  }, 300_000); // many spawned processes on a loaded machine
});

describe('zdl db move-to', () => {
  test('embedded → PostgreSQL 15: same data through the CLI, passwords verify, an earlier invitation activates', async () => {
    const t = await embeddedSetup();
    const before = await startServeProcess(t);
    const active = await invite(t, 'Active');
    await activate(before.origin, active.code, active.email);
    const pending = await invite(t, 'Pending');
    expect(await before.stop()).toBe(0);

    const views = async (env: Record<string, string>) =>
      Promise.all(
        [
          ['persons', 'list', '--json'],
          ['invites', 'list', '--status', 'all', '--json'],
          ['audit', '--json'],
        ].map(async (argv) => JSON.parse((await zdl(t, env, ...argv)).stdout)),
      );
    const seen = await views(t.env);

    const target = await serverTarget();
    const moved = await zdl(t, t.env, 'db', 'move-to', target.url, '--json');
    expect(moved.stderr).toContain('DATABASE_URL');
    expect(JSON.parse(moved.stdout).tables.personnes).toBe(2);
    // The embedded database's key file keyed the invitation codes: the server needs that key.
    const keyFile = path.join(t.env.ZDL_DATA_DIR!, 'secret.key');
    expect(moved.stderr).toContain(`ZDL_SECRET_KEY=$(cat ${keyFile})`);
    const serverEnv = {
      DATABASE_URL: target.url,
      ZDL_DATA_DIR: path.join(t.dir, 'unused'),
      ZDL_SECRET_KEY: readFileSync(keyFile, 'utf8').trim(),
    };
    expect(await views(serverEnv)).toEqual(seen);
    expect(await readAllRows(target.db)).toEqual(await readAllRows(t.db));

    const [account] = await target.db.transaction(
      (tx) => tx`select password_hash from zdl.accounts where email = ${active.email}`,
    );
    expect(await verifyPassword(account!.password_hash, GOOD_PASSWORD)).toBe(true);

    const after = await startServeProcess({ ...t, env: serverEnv });
    expect(await activate(after.origin, pending.code, pending.email)).toContain('Votre accès est activé');
    expect(await after.stop()).toBe(0);
    const [activated] = await target.db.transaction(
      (tx) => tx`select count(*)::int as n from zdl.accounts where activated_at is not null`,
    );
    expect(activated!.n).toBe(2);

    // This test process now hosts the embedded database (it read it above): another writer, hence --yes.
    const again = await spawnCli(['db', 'move-to', target.url, '--yes'], { env: t.env, cwd: t.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("n'est pas vide");
  }, 300_000); // many spawned processes on a loaded machine
});

describe('zdl db move-to with the idle host of the embedded database', () => {
  test('copies without asking: the idle host is no writer, unlike zdl serve', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-move-idle-'));
    const dataDir = path.join(dir, 'data');
    const env = { ZDL_DATA_DIR: dataDir, ZDL_EMBEDDED_IDLE: '60s' };
    cleanups.push(async () => {
      await stopIdleHost(resolveEmbeddedPaths(dataDir));
      rmSync(dir, { recursive: true, force: true });
    });
    const t = { dir, env } as unknown as TestDatabase;
    await zdl(t, env, 'persons', 'add', '--nom', 'Déménagée', '--prenom', 'Iris');
    const idle = readHostLock(resolveEmbeddedPaths(dataDir).lockPath);
    expect(idle).toMatchObject({ role: 'idle' });

    // zdl serve hosting it: another writer, so move-to asks (and, stdin closed, refuses).
    const serve = await startServeProcess(t);
    const refused = await spawnCli(['db', 'move-to', (await serverTarget()).url], { env, cwd: dir });
    expect(await serve.stop()).toBe(0);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');

    // Only the idle host (started again by the first command after serve): no question.
    await zdl(t, env, 'persons', 'list');
    expect(readHostLock(resolveEmbeddedPaths(dataDir).lockPath)).toMatchObject({ role: 'idle' });
    const target = await serverTarget();
    const moved = await spawnCli(['db', 'move-to', target.url, '--json'], { env, cwd: dir });
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout).tables.personnes).toBe(1);
  }, 300_000); // many spawned processes on a loaded machine
});
