import path from 'node:path';
import { prepareRestoreTarget } from '../../../db/backup/compatibility.js';
import { openBackupFile } from '../../../db/backup/read-backup.js';
import { notEmpty, restoreBackup } from '../../../db/backup/restore.js';
import { countRows, describeCounts, totalRows } from '../../../db/backup/row-counts.js';
import type { CommandContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import { confirmDestructive } from '../../prompt.js';

export async function run(ctx: CommandContext, [file]: string[], options: { force?: boolean }): Promise<void> {
  const source = path.resolve(ctx.io.cwd, file as string);
  const backup = await openBackupFile(source);
  try {
    const taken = formatDateTime(new Date(backup.header.created_at));
    const database = await ctx.database({ checkMigrations: false });
    const migrated = await prepareRestoreTarget(database, backup.header);
    const existing = await database.transaction((tx) => countRows(tx));
    if (totalRows(existing) > 0) {
      if (!options.force) throw notEmpty(database.location, existing);
      await confirmDestructive(
        ctx.prompt,
        `La base ${database.location} contient déjà des données (${describeCounts(existing)}). ` +
          `Tout effacer, historique compris, et le remplacer par la sauvegarde du ${taken} ?`,
      );
    }
    const tables = await restoreBackup(database, backup, { force: options.force === true });
    if (ctx.flags.json) {
      ctx.out.printJson({
        file: source,
        database: database.kind,
        location: database.location,
        backup_created_at: backup.header.created_at,
        migrated,
        tables: Object.fromEntries(tables.map((table) => [table.name, table.rows])),
      });
    }
    ctx.out.success(
      `Sauvegarde du ${taken} restaurée dans ${database.location} : ${totalRows(tables)} ligne(s)` +
        (migrated.length > 0 ? ` (migrations appliquées : ${migrated.join(', ')}).` : '.'),
    );
  } finally {
    backup.close();
  }
}
