import { ZdlError } from '../../errors.js';
import type { Database, Sql } from '../client.js';
import { type CatalogTable, qualified, readCatalog } from './catalog.js';
import { type BackupHeader, type BackupTable, invalidBackup } from './format.js';
import type { BackupSource } from './read-backup.js';
import { countTableRows, describeCounts, type TableCount, totalRows } from './row-counts.js';

export interface RestoreOptions {
  /** Empty a non-empty database first (the caller has asked for confirmation). */
  force?: boolean;
}

const BATCH_ROWS = 500;

export function notEmpty(
  location: string,
  counts: TableCount[],
  hint = 'restaurez dans une base vide, ou ajoutez --force pour remplacer tout son contenu',
): ZdlError {
  return new ZdlError(
    'DATABASE_NOT_EMPTY',
    'conflict',
    `La base ${location} n'est pas vide (${describeCounts(counts)}) : ${hint}.`,
    { details: { rows: Object.fromEntries(counts.map((count) => [count.name, count.rows])) } },
  );
}

function checkTablesFit(header: BackupHeader, catalog: Map<string, CatalogTable>): void {
  for (const table of header.tables) {
    const target = catalog.get(table.name);
    const missing = target ? table.columns.filter((column) => !target.columns.includes(column)) : [];
    if (!target || missing.length > 0) {
      throw new ZdlError(
        'BACKUP_INCOMPATIBLE',
        'invalid',
        `La base cible n'a pas ${target ? `les colonnes ${missing.join(', ')} de la table` : 'la table'} ${table.name} de la sauvegarde.`,
      );
    }
  }
}

// TRUNCATE fires statement triggers such as audit_log's append-only guard: a restore with
// --force is the one place allowed to wipe history, so user triggers are off for that statement.
async function emptyTables(tx: Sql, tables: CatalogTable[]): Promise<void> {
  const guarded = tables.filter((table) => table.hasUserTriggers);
  for (const table of guarded) await tx`alter table ${tx(qualified(table.name))} disable trigger user`;
  await tx`truncate ${tx(tables.map((table) => qualified(table.name)))} restart identity`;
  for (const table of guarded) await tx`alter table ${tx(qualified(table.name))} enable trigger user`;
}

async function insertRows(tx: Sql, table: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const name = qualified(table.name);
  // Only the backup's columns: a column added by a later migration takes its default.
  await tx`
    insert into ${tx(name)} (${tx(table.columns)}) overriding system value
    select ${tx(table.columns)} from jsonb_populate_recordset(null::${tx(name)}, ${JSON.stringify(rows)}::text::jsonb)`;
}

// Identities continue after the larger of the backup's sequence position and the highest id, so
// that an id once given (even to a since-deleted person the audit log still names) is never reused.
async function resetIdentities(tx: Sql, tables: CatalogTable[], header: BackupHeader): Promise<void> {
  for (const table of tables) {
    if (!table.identity) continue;
    const column = table.identity.column;
    const [row] = await tx<{ max: string }[]>`
      select coalesce(max(${tx(column)}), 0)::bigint::text as max from ${tx(qualified(table.name))}`;
    const recorded = header.tables.find((candidate) => candidate.name === table.name)?.identity?.last_value ?? 0;
    const next = Math.max(Number(row?.max ?? 0), recorded);
    const sequence = tx`pg_get_serial_sequence(${qualified(table.name)}, ${column})`;
    if (next > 0) await tx`select setval(${sequence}, ${next}, true)`;
    else await tx`select setval(${sequence}, 1, false)`;
  }
}

async function loadRows(tx: Sql, backup: BackupSource): Promise<Map<string, number>> {
  const tables = new Map(backup.header.tables.map((table) => [table.name, table]));
  const loaded = new Map<string, number>();
  let current: BackupTable | undefined;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (current) await insertRows(tx, current, batch);
    batch = [];
  };
  for await (const line of backup.lines) {
    if (line.kind === 'section') {
      await flush();
      current = tables.get(line.table);
      if (!current || loaded.has(line.table)) throw invalidBackup(`table ${line.table} inattendue`);
      loaded.set(line.table, 0);
    } else if (line.kind === 'row') {
      if (!current) throw invalidBackup('ligne de données hors de toute table');
      batch.push(line.row);
      loaded.set(current.name, (loaded.get(current.name) ?? 0) + 1);
      if (batch.length >= BATCH_ROWS) await flush();
    } else {
      await flush();
      const total = [...loaded.values()].reduce((sum, n) => sum + n, 0);
      if (line.rows !== total) throw invalidBackup(`${total} lignes lues, ${line.rows} annoncées`);
      return loaded;
    }
  }
  throw invalidBackup('fichier tronqué (pas de ligne de fin)');
}

/**
 * Loads a backup into `db`, whose schema `prepareRestoreTarget` has migrated: in one transaction
 * (all or nothing) with the zdl tables locked against writers, refused on a non-empty database
 * unless `force`. Returns the rows restored per table.
 */
export async function restoreBackup(
  db: Database,
  backup: BackupSource,
  options: RestoreOptions = {},
): Promise<TableCount[]> {
  return db.transaction(
    async (tx) => {
      await tx`set local timezone to 'UTC'`;
      const catalog = await readCatalog(tx);
      checkTablesFit(backup.header, new Map(catalog.map((table) => [table.name, table])));
      await tx`lock table ${tx(catalog.map((table) => qualified(table.name)))} in exclusive mode`;
      const existing = await countTableRows(tx, catalog);
      if (totalRows(existing) > 0) {
        if (!options.force) throw notEmpty(db.location, existing);
        await emptyTables(tx, catalog);
      }
      const loaded = await loadRows(tx, backup);
      for (const table of backup.header.tables) {
        if (loaded.get(table.name) !== table.rows) {
          throw invalidBackup(
            `table ${table.name} : ${loaded.get(table.name) ?? 0} lignes lues, ${table.rows} annoncées`,
          );
        }
      }
      await resetIdentities(tx, catalog, backup.header);
      return countTableRows(tx, catalog);
      // Loading a whole backup takes as long as it takes: no deadline.
    },
    { timeoutMs: null },
  );
}
