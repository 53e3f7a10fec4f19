import type { Config } from '../config.js';
import { connectEmbeddedDatabase, connectServer, type Database } from './client.js';
import { type EmbeddedPaths, resolveEmbeddedPaths } from './embedded-host.js';
import { applyPendingMigrations, assertMigrated } from './migrations.js';

// Opening sits above the connectors (client.ts) and the migrations (which take a Database), so
// client.ts does not import the migrations back: no cycle between the two.

export interface OpenOptions {
  /** Told once when the embedded database is created. */
  onEmbeddedCreate?: (paths: EmbeddedPaths) => void;
  /** `db migrate` / `db status` open the database without the pending-migrations check. */
  checkMigrations?: boolean;
}

/** Opens the configured database: DATABASE_URL's server, or the embedded one (migrated on open). */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  const db = config.databaseUrl
    ? connectServer(config.databaseUrl, { prepare: config.databasePrepare, max: 4 })
    : connectEmbeddedDatabase(resolveEmbeddedPaths(config.dataDir), options.onEmbeddedCreate);
  try {
    if (db.kind === 'embedded') await applyPendingMigrations(db);
    else if (options.checkMigrations !== false) await assertMigrated(db);
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
