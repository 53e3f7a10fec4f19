import { ZdlError } from '../../errors.js';
import type { Database } from '../client.js';
import { applyPendingMigrations, readMigrationFiles } from '../migrations.js';
import type { BackupHeader } from './format.js';

/**
 * A backup holds data, not schema: the target gets its schema from this zdl's migrations, which
 * must include every migration the source had (a newer zdl's backup needs that newer zdl).
 * Migrates the target; returns the migrations it applied.
 */
export async function prepareRestoreTarget(db: Database, header: BackupHeader): Promise<string[]> {
  const files = new Map(readMigrationFiles().map((file) => [file.version, file]));
  for (const migration of header.migrations) {
    const file = files.get(migration.version);
    if (!file || file.checksum !== migration.checksum) {
      throw new ZdlError(
        'BACKUP_INCOMPATIBLE',
        'invalid',
        `La sauvegarde vient d'une base migrée par une autre version de zdl (migration ${migration.version}_${migration.name} ` +
          `${file ? 'différente' : 'inconnue'} ici) : restaurez-la avec la version de zdl ${header.zdl_version} ou plus récente.`,
      );
    }
  }
  return applyPendingMigrations(db);
}
