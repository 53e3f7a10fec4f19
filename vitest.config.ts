import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Every test file runs on the embedded database (a clone of a migrated PGlite template) and,
// when ZDL_TEST_DATABASE_URL is set, again on a fresh database of that PostgreSQL server.
// Files named *.embedded.test.ts or *.server.test.ts only make sense on one of the two.
const serverUrl = process.env.ZDL_TEST_DATABASE_URL;

const common = { extends: true as const };

// No background host of the embedded database outlives a test's command (it would linger past
// the file that made its data directory): commands host in-process, closing PGlite on exit.
// test/support/cli.ts passes this on to spawned commands; test/db/idle-host*.test.ts override it.
const harnessEnv = { ZDL_EMBEDDED_IDLE: '0s' };

// The concurrency-sensitive files, run a third time through Debian's PgBouncer in transaction
// mode (test/support/pgbouncer.ts) when it is installed, as in front of Supabase's port 6543.
const PGBOUNCER_FILES = [
  'test/http/app-activate.test.ts',
  'test/http/app-password-reset.test.ts',
  'test/cli/invites.test.ts',
  'test/http/two-servers.server.test.ts',
];
const pgbouncer = serverUrl && existsSync(process.env.ZDL_PGBOUNCER ?? '/usr/sbin/pgbouncer');

// The server run only needs the files that touch a database; pure unit tests run once.
function databaseTestFiles(dir = 'test'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return databaseTestFiles(file);
    if (!file.endsWith('.test.ts') || file.endsWith('.embedded.test.ts')) return [];
    if (file.endsWith('.server.test.ts')) return [file];
    const source = readFileSync(file, 'utf8');
    return /useTestDatabase\(|createServerDatabase\(/.test(source) ? [file] : [];
  });
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // Tests of a describe.concurrent (test/db/idle-host*.test.ts) run two at a time in their file:
    // each is a chain of processes booting PGlite, and the machine has two cores.
    maxConcurrency: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        ...common,
        test: {
          name: 'embedded',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.server.test.ts'],
          globalSetup: ['test/support/embedded-template.ts'],
          env: { ...harnessEnv, ZDL_TEST_DB: 'embedded' },
        },
      },
      ...(serverUrl
        ? [
            {
              ...common,
              test: {
                name: 'postgres',
                include: databaseTestFiles(),
                env: { ...harnessEnv, ZDL_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      ...(pgbouncer
        ? [
            {
              ...common,
              test: {
                name: 'pgbouncer',
                include: PGBOUNCER_FILES,
                env: { ...harnessEnv, ZDL_TEST_DB: 'postgres', ZDL_TEST_VIA_PGBOUNCER: '1' },
              },
            },
          ]
        : []),
    ],
  },
});
