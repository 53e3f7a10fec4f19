import { readFileSync } from 'node:fs';
import type { Database, Sql } from '../client.js';
import { qualified, readCatalog } from './catalog.js';
import { countTableRows } from './row-counts.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, endLine, sectionLine } from './format.js';

export type LineSink = (line: string) => void | Promise<void>;

const ZDL_VERSION: string = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
const CURSOR_ROWS = 500;

async function readMigrations(sql: Sql): Promise<BackupHeader['migrations']> {
  const [table] = await sql<{ exists: boolean }[]>`select to_regclass('zdl.schema_migrations') is not null as exists`;
  if (!table?.exists) return [];
  return sql<BackupHeader['migrations']>`
    select version, name, checksum from zdl.schema_migrations order by version`;
}

/**
 * Writes the whole `zdl` schema's data to `write`, line by line, from one REPEATABLE READ READ ONLY
 * transaction: every table is read from the same snapshot, so the backup is consistent while
 * other processes keep writing (on the embedded database, they wait for this transaction: it
 * shares one session). Returns the header it wrote.
 */
export async function dumpDatabase(db: Database, write: LineSink, now: Date = new Date()): Promise<BackupHeader> {
  return db.transaction(
    async (tx) => {
      // Must be the transaction's first statement (PostgreSQL: SET TRANSACTION).
      await tx`set transaction isolation level repeatable read, read only`;
      await tx`set local timezone to 'UTC'`;
      const [version] = await tx<
        { server_version: string }[]
      >`select current_setting('server_version') as server_version`;
      const tables = await readCatalog(tx);
      const counts = await countTableRows(tx, tables);
      const counted = tables.map((table, index) => ({ table, rows: counts[index]?.rows ?? 0 }));
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_FORMAT_VERSION,
        created_at: now.toISOString(),
        zdl_version: ZDL_VERSION,
        source: { kind: db.kind, server_version: version?.server_version ?? 'inconnue' },
        migrations: await readMigrations(tx),
        tables: counted.map(({ table, rows }) => ({
          name: table.name,
          columns: table.columns,
          rows,
          identity: table.identity && { column: table.identity.column, last_value: table.identity.lastValue },
        })),
      };
      await write(JSON.stringify(header));
      let total = 0;
      for (const { table } of counted) {
        await write(sectionLine(table.name));
        const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
        const cursor = tx<{ line: string }[]>`
        select to_json(t)::text as line from ${tx(qualified(table.name))} t order by ${tx(order)}`.cursor(CURSOR_ROWS);
        for await (const rows of cursor) {
          for (const row of rows) await write(row.line);
          total += rows.length;
        }
      }
      await write(endLine(total));
      return header;
      // A consistent snapshot of every table takes as long as it takes: no deadline.
    },
    { timeoutMs: null },
  );
}
