import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import { connectEmbeddedDatabase, connectServer, type Database } from '../../src/db/client.js';
import { resolveEmbeddedPaths } from '../../src/db/embedded-host.js';
import { applyPendingMigrations } from '../../src/db/migrations.js';
import { deriveInviteCodeKey } from '../../src/invites/code-keys.js';
import { startPgBouncer } from './pgbouncer.js';

const execFileAsync = promisify(execFile);

export type TestDatabaseKind = 'embedded' | 'postgres';

/** ZDL_SECRET_KEY of every test database's env: helpers, the CLI and servers hash codes alike. */
export const TEST_SECRET_KEY = 'cle-secrete-des-tests-zdl-0123456789abcdef';
export const TEST_INVITE_KEYS = { current: deriveInviteCodeKey(TEST_SECRET_KEY), previous: null };

export const testDatabaseKind: TestDatabaseKind = process.env.ZDL_TEST_DB === 'postgres' ? 'postgres' : 'embedded';

export interface TestDatabase {
  db: Database;
  /** Environment that points a zdl process (main() or a spawned bin/zdl.js) at this database. */
  env: Record<string, string>;
  /** A scratch directory removed after the file (the embedded data directory lives here). */
  dir: string;
}

/** A fresh, migrated database for this test file, closed and dropped after it. */
export function useTestDatabase(): TestDatabase {
  const ctx = {} as TestDatabase;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ctx.dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-test-'));
    cleanup = testDatabaseKind === 'postgres' ? await openServerDatabase(ctx) : await openEmbeddedDatabase(ctx);
  });
  afterAll(async () => {
    await cleanup();
    rmSync(ctx.dir, { recursive: true, force: true });
  });
  return ctx;
}

// The test process plays the embedded host: a clone of the template served on the data
// directory's socket, with the host lock naming this process, exactly as a zdl host would.
async function openEmbeddedDatabase(ctx: TestDatabase): Promise<() => Promise<void>> {
  const dataDir = path.join(ctx.dir, 'data');
  const paths = resolveEmbeddedPaths(dataDir);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(paths.lockPath, `${process.pid}\n`);
  const template = readFileSync(inject('pgliteTemplate'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([template]) });
  const server = new PGLiteSocketServer({ db: pglite, path: paths.socketPath, maxConnections: 256 });
  await server.start();
  ctx.db = connectEmbeddedDatabase(paths);
  ctx.env = { ZDL_DATA_DIR: dataDir, ZDL_SECRET_KEY: TEST_SECRET_KEY };
  return async () => {
    await ctx.db.close();
    await server.stop();
    await pglite.close();
  };
}

export function serverAdminUrl(): string {
  const url = process.env.ZDL_TEST_DATABASE_URL;
  if (!url) throw new Error('ZDL_TEST_DATABASE_URL is not set');
  return url;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(serverAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The `pgbouncer` project runs the concurrency-sensitive files through PgBouncer (transaction mode). */
export const viaPgBouncer = process.env.ZDL_TEST_VIA_PGBOUNCER === '1';

/**
 * Creates an empty database on the test server; returns its URL and a drop function. In the
 * `pgbouncer` project the URL goes through a PgBouncer of this file's own (created and dropped
 * directly on the server).
 */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zdl_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverAdminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const bouncer = viaPgBouncer ? await startPgBouncer(serverAdminUrl()) : undefined;
  return {
    url: bouncer ? bouncer.through(databaseUrlFor(name)) : databaseUrlFor(name),
    drop: async () => {
      await bouncer?.stop();
      const dropper = postgres(serverAdminUrl(), { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function openServerDatabase(ctx: TestDatabase): Promise<() => Promise<void>> {
  const { url, drop } = await createServerDatabase();
  ctx.db = connectServer(url, { max: 10 });
  await applyPendingMigrations(ctx.db);
  ctx.env = { DATABASE_URL: url, ZDL_DATA_DIR: path.join(ctx.dir, 'data'), ZDL_SECRET_KEY: TEST_SECRET_KEY };
  return async () => {
    await ctx.db.close();
    await drop();
  };
}

/**
 * A data directory holding a copy of the migrated template, as if zdl had created it. The
 * template is PGlite's dump of its data directory (a tar): unpacked in place, without booting
 * PGlite (seconds of WASM on a loaded machine) to write it; the first host replays its WAL.
 */
export async function seedEmbeddedDataDir(dataDir: string): Promise<void> {
  const pgdata = path.join(dataDir, 'pgdata');
  mkdirSync(pgdata, { recursive: true });
  await execFileAsync('tar', ['-xf', inject('pgliteTemplate'), '-C', pgdata]);
}
