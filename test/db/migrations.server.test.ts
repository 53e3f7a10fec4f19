import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import postgres from 'postgres';
import { connectServer } from '../../src/db/client.js';
import { readMigrationFiles } from '../../src/db/migrations.js';
import { runCli, spawnCli } from '../support/cli.js';
import { createServerDatabase } from '../support/database.js';

// On a real server nothing migrates by itself: `zdl db migrate` does, safely and idempotently.
let url: string;
let drop: () => Promise<void>;
const cwd = process.cwd();

beforeAll(async () => ({ url, drop } = await createServerDatabase()));
afterAll(() => drop());

// Every migration in sql/, so that adding one does not break these tests.
const versions = readMigrationFiles().map((file) => `${file.version}_${file.name}`);

const cli = (...argv: string[]) => runCli(argv, { env: { DATABASE_URL: url }, cwd });

async function query<T extends object>(text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

describe('migrations on a PostgreSQL server', () => {
  test('commands refuse to run while migrations are pending', async () => {
    const status = await cli('db', 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).migrations.map((m: { state: string }) => m.state)).toEqual(
      versions.map(() => 'pending'),
    );
    const refused = await cli('persons', 'list');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('zdl db migrate');
  });

  test('two migrations at once are safe, and a second run is a no-op', async () => {
    const [a, b] = await Promise.all([
      spawnCli(['db', 'migrate', '--json'], { env: { DATABASE_URL: url }, cwd }),
      spawnCli(['db', 'migrate', '--json'], { env: { DATABASE_URL: url }, cwd }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const applied = [...JSON.parse(a.stdout).applied, ...JSON.parse(b.stdout).applied];
    expect(applied.sort()).toEqual(versions);
    const again = await cli('db', 'migrate');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('aucune migration en attente');
    expect((await cli('persons', 'list', '--json')).code).toBe(0);
  });

  test('everything lives in schema zdl, nothing in public', async () => {
    const tables = await query<{ schema: string; name: string }>(`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`);
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.every((t) => t.schema === 'zdl')).toBe(true);
  });

  test('a changed checksum is flagged by status and stops migrate and the other commands', async () => {
    await query(`update zdl.schema_migrations set checksum = 'tampered' where version = '001'`);
    const status = await cli('db', 'status');
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('MODIFIÉE');
    const migrate = await cli('db', 'migrate');
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain('modifiée');
    expect((await cli('invites', 'list')).code).toBe(1);
  });

  test('prepared statements can be turned off for transaction-mode poolers', async () => {
    const countPrepared = async (prepare: boolean) => {
      const db = connectServer(url, { prepare, max: 1 });
      try {
        return await db.transaction(async (tx) => {
          await tx`select count(*) from zdl.personnes where id = ${1}`;
          const [row] = await tx<{ n: number }[]>`select count(*)::int as n from pg_prepared_statements`;
          return row!.n;
        });
      } finally {
        await db.close();
      }
    };
    expect(await countPrepared(true)).toBeGreaterThan(0);
    expect(await countPrepared(false)).toBe(0);
    const viaUrl = connectServer(`${url}?prepare=false`, { max: 1 });
    try {
      const n = await viaUrl.transaction(async (tx) => {
        await tx`select count(*) from zdl.personnes where id = ${1}`;
        return (await tx<{ n: number }[]>`select count(*)::int as n from pg_prepared_statements`)[0]!.n;
      });
      expect(n).toBe(0);
    } finally {
      await viaUrl.close();
    }
    const viaEnv = await runCli(['persons', 'list', '--json'], {
      env: { DATABASE_URL: url, ZDL_DB_PREPARE: 'false' },
      cwd,
    });
    expect(viaEnv.code).toBe(1); // still refused: the checksum was tampered with above
  });
});
