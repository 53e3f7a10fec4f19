import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import postgres from 'postgres';
import { connectServer } from '../../src/db/client.js';
import { applyPendingMigrations, readMigrationFiles } from '../../src/db/migrations.js';
import { spawnCli } from '../support/cli.js';
import { createServerDatabase, serverAdminUrl } from '../support/database.js';
import { type Bouncer, startPgBouncer } from '../support/pgbouncer.js';

// Issue 13: through a transaction pooler, two concurrent `db migrate` both reported « 1 migration(s)
// appliquée(s) » while the migrations table did not exist. Three at once, through Debian's
// PgBouncer in transaction mode, on a fresh database: each migration applied exactly once, and the
// schema is exactly what a direct migration builds. (Session-level advisory locks would not hold
// across a pooler's shared backends: the runner takes pg_advisory_xact_lock inside each migration's
// transaction.) Nothing here looks at pg_prepared_statements: backends are shared.
const versions = readMigrationFiles().map((file) => `${file.version}_${file.name}`);
const cwd = process.cwd();

let bouncer: Bouncer;
let pooled: string;
let pooledPrepared: string;
let reference: string;
const drops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const [target, prepared, migratedDirectly] = await Promise.all([1, 2, 3].map(() => createServerDatabase()));
  drops.push(...[target!, prepared!, migratedDirectly!].map((created) => created.drop));
  reference = migratedDirectly!.url;
  const db = connectServer(reference, { max: 1 });
  await applyPendingMigrations(db);
  await db.close();
  bouncer = await startPgBouncer(serverAdminUrl());
  pooled = bouncer.through(target!.url);
  pooledPrepared = bouncer.through(prepared!.url);
});
afterAll(async () => {
  await bouncer?.stop();
  for (const drop of drops) await drop();
});

/** Every table column, index, constraint, view, function and trigger of schema zdl, one line each. */
async function recordedMigrations(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const rows = await sql<{ version: string; name: string }[]>`
      select version, name from zdl.schema_migrations order by version`;
    return rows.map((row) => `${row.version}_${row.name}`);
  } finally {
    await sql.end();
  }
}

async function describeSchema(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const rows = await sql<{ line: string }[]>`
      select format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default) as line
        from information_schema.columns where table_schema = 'zdl'
      union all select format('index %s', indexdef) from pg_indexes where schemaname = 'zdl'
      union all select format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
        from pg_constraint where connamespace = 'zdl'::regnamespace
      union all select format('view %s %s', viewname, definition) from pg_views where schemaname = 'zdl'
      union all select format('function %s', oid::regprocedure) from pg_proc where pronamespace = 'zdl'::regnamespace
      union all select format('trigger %s %s', tgrelid::regclass, tgname) from pg_trigger t
        join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'zdl'::regnamespace and not t.tgisinternal
      order by 1`;
    return rows.map((row) => row.line);
  } finally {
    await sql.end();
  }
}

describe('zdl db migrate through PgBouncer in transaction mode', () => {
  test('three at once on a fresh database: all exit 0, each migration applied once, the schema complete', async () => {
    const runs = await Promise.all(
      [1, 2, 3].map(() => spawnCli(['db', 'migrate', '--json'], { env: { DATABASE_URL: pooled }, cwd })),
    );
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0 });
    const applied = runs.flatMap((run) => JSON.parse(run.stdout).applied as string[]);
    expect(applied.sort()).toEqual(versions);
    expect(await recordedMigrations(pooled)).toEqual(versions);
    const schema = await describeSchema(pooled);
    expect(schema.length).toBeGreaterThan(50);
    expect(schema).toEqual(await describeSchema(reference));
  });

  test('a second run through the pooler is a no-op, and the commands run', async () => {
    const again = await spawnCli(['db', 'migrate'], { env: { DATABASE_URL: pooled }, cwd });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('aucune migration en attente');
    const persons = await spawnCli(['persons', 'list', '--json'], { env: { DATABASE_URL: pooled }, cwd });
    expect(persons.code, persons.stderr).toBe(0);
  });

  test('with prepared statements forced on, a run may fail but never reports a migration that is not there', async () => {
    const env = { DATABASE_URL: pooledPrepared, ZDL_DB_PREPARE: 'true' };
    const runs = await Promise.all([1, 2, 3].map(() => spawnCli(['db', 'migrate', '--json'], { env, cwd })));
    const claimed = runs.filter((run) => run.code === 0).flatMap((run) => JSON.parse(run.stdout).applied as string[]);
    for (const run of runs) expect([0, 1]).toContain(run.code);
    const recorded = await spawnCli(['db', 'status', '--json'], { env: { DATABASE_URL: pooledPrepared }, cwd });
    const states = JSON.parse(recorded.stdout).migrations as { version: string; name: string; state: string }[];
    const applied = states.filter((m) => m.state === 'applied').map((m) => `${m.version}_${m.name}`);
    for (const version of claimed) expect(applied).toContain(version);
    // Whatever was lost, a plain run finishes the job and the schema is complete.
    expect((await spawnCli(['db', 'migrate'], { env: { DATABASE_URL: pooledPrepared }, cwd })).code).toBe(0);
    expect(await recordedMigrations(pooledPrepared)).toEqual(versions);
    expect(await describeSchema(pooledPrepared)).toEqual(await describeSchema(reference));
  });
});
