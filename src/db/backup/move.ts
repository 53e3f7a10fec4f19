import { ZdlError } from '../../errors.js';
import type { Database } from '../client.js';
import { prepareRestoreTarget } from './compatibility.js';
import { dumpDatabase } from './dump.js';
import type { BackupHeader } from './format.js';
import { readBackupLines } from './read-backup.js';
import { notEmpty, restoreBackup } from './restore.js';
import { countRows, type TableCount, totalRows } from './row-counts.js';

const MINIMUM_SERVER_VERSION_NUM = 140_000;

export interface MoveResult {
  header: BackupHeader;
  /** Migrations applied on the target before the copy. */
  migrated: string[];
  tables: TableCount[];
}

async function assertSupportedServer(target: Database): Promise<void> {
  const [row] = await target.transaction(
    (tx) => tx<{ num: number; version: string }[]>`
      select current_setting('server_version_num')::int as num, current_setting('server_version') as version`,
  );
  if (!row || row.num < MINIMUM_SERVER_VERSION_NUM) {
    throw new ZdlError(
      'SERVER_TOO_OLD',
      'operational',
      `${target.location} est PostgreSQL ${row?.version ?? '?'} : zdl demande PostgreSQL 14 ou plus récent.`,
    );
  }
}

/**
 * Copies every row of `source` into the empty `target` server: migrates the target, then loads
 * one consistent snapshot of the source (held in memory: an association's data is small) in one
 * transaction, identities continued. The source is not modified.
 */
export async function moveDatabase(source: Database, target: Database, now: Date = new Date()): Promise<MoveResult> {
  await assertSupportedServer(target);
  const lines: string[] = [];
  const header = await dumpDatabase(source, (line) => void lines.push(line), now);
  const migrated = await prepareRestoreTarget(target, header);
  const existing = await target.transaction((tx) => countRows(tx));
  if (totalRows(existing) > 0) throw notEmpty(target.location, existing, 'zdl ne copie que vers une base vide');
  const tables = await restoreBackup(target, readBackupLines(lines));
  return { header, migrated, tables };
}
