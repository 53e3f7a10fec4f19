import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZdlError } from '../errors.js';
import type { Database, Sql } from './client.js';
import { MIGRATIONS_LOCK_KEY } from './locks.js';

// Numbered SQL files in sql/ (001_init.sql, …), each applied in its own transaction under a
// transaction-scoped advisory lock and recorded with its checksum.

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  sql: string;
}

export type MigrationState = 'applied' | 'pending' | 'changed';

export interface MigrationStatus {
  version: string;
  name: string;
  state: MigrationState;
  applied_at: Date | null;
}

// Same relative path from src/db (tests) and dist/db (installed).
const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

export function readMigrationFiles(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 3),
        name: file.slice(4, -4),
        checksum: createHash('sha256').update(sql).digest('hex'),
        sql,
      };
    });
}

interface AppliedRow {
  version: string;
  checksum: string;
  applied_at: Date;
}

async function readApplied(sql: Sql): Promise<AppliedRow[]> {
  const [table] = await sql<{ exists: boolean }[]>`
    select to_regclass('zdl.schema_migrations') is not null as exists`;
  if (!table?.exists) return [];
  return sql<AppliedRow[]>`select version, checksum, applied_at from zdl.schema_migrations order by version`;
}

export async function readMigrationStatus(db: Database, files = readMigrationFiles()): Promise<MigrationStatus[]> {
  const applied = await db.transaction((tx) => readApplied(tx), { readOnly: true });
  const byVersion = new Map(applied.map((row) => [row.version, row]));
  const statuses: MigrationStatus[] = files.map((file) => {
    const row = byVersion.get(file.version);
    const state: MigrationState = !row ? 'pending' : row.checksum === file.checksum ? 'applied' : 'changed';
    return { version: file.version, name: file.name, state, applied_at: row?.applied_at ?? null };
  });
  // Applied on the database but missing here: a newer zdl migrated it. Show it as applied.
  for (const row of applied) {
    if (!files.some((file) => file.version === row.version)) {
      statuses.push({ version: row.version, name: '(inconnue)', state: 'applied', applied_at: row.applied_at });
    }
  }
  return statuses.sort((a, b) => a.version.localeCompare(b.version));
}

function assertNoChangedMigration(statuses: MigrationStatus[]): void {
  const changed = statuses.filter((status) => status.state === 'changed');
  if (changed.length > 0) {
    throw new ZdlError(
      'MIGRATION_CHANGED',
      'operational',
      `Migration déjà appliquée mais modifiée depuis : ${changed.map((m) => `${m.version}_${m.name}`).join(', ')}. ` +
        'Ne modifiez jamais une migration appliquée : ajoutez-en une nouvelle.',
    );
  }
}

/** Applies pending migrations; safe to run twice or concurrently. Returns what it applied. */
export async function applyPendingMigrations(db: Database, files = readMigrationFiles()): Promise<string[]> {
  const statuses = await readMigrationStatus(db, files);
  assertNoChangedMigration(statuses);
  const pending = new Set(statuses.filter((status) => status.state === 'pending').map((status) => status.version));
  const appliedNow: string[] = [];
  // Only what was pending: an up-to-date database costs one read, not a transaction per file.
  for (const file of files.filter((candidate) => pending.has(candidate.version))) {
    const applied = await db.transaction(
      async (tx) => {
        await tx`select pg_advisory_xact_lock(${MIGRATIONS_LOCK_KEY})`;
        await tx`create schema if not exists zdl`;
        await tx`create table if not exists zdl.schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`;
        const [existing] = await tx<{ checksum: string }[]>`
        select checksum from zdl.schema_migrations where version = ${file.version}`;
        if (existing) return false; // another process applied it while we waited for the lock
        await tx.unsafe(file.sql).simple();
        await tx`insert into zdl.schema_migrations (version, name, checksum)
        values (${file.version}, ${file.name}, ${file.checksum})`;
        return true;
        // DDL on a large table may take minutes: no deadline.
      },
      { timeoutMs: null },
    );
    if (applied) appliedNow.push(`${file.version}_${file.name}`);
  }
  return appliedNow;
}

/** On a real server, commands refuse to run until an admin migrates explicitly. */
export async function assertMigrated(db: Database, files = readMigrationFiles()): Promise<void> {
  const statuses = await readMigrationStatus(db, files);
  assertNoChangedMigration(statuses);
  const pending = statuses.filter((status) => status.state === 'pending');
  if (pending.length > 0) {
    throw new ZdlError(
      'MIGRATIONS_PENDING',
      'operational',
      `${pending.length} migration(s) en attente sur ${db.location} : lancez « zdl db migrate ».`,
    );
  }
}
