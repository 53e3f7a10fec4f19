import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { ZdlError } from '../errors.js';
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
  /**
   * false for read-only commands: reading from a directory that has no database must not leave a
   * new empty one there (an admin in the wrong directory would see « aucune personne »).
   */
  create?: boolean;
  /**
   * `zdl serve`: host the embedded database in-process for as long as it runs (an idle host
   * steps aside) rather than through a background host that outlives the command.
   */
  longLivedHost?: boolean;
}

function assertEmbeddedExists(paths: EmbeddedPaths): void {
  // A live host's socket also counts: it serves a database, whatever holds its files.
  if (existsSync(paths.pgdata) || existsSync(paths.socketPath)) return;
  throw new ZdlError(
    'NO_DATABASE',
    'operational',
    `Aucune base de données dans ${paths.dataDir}.\n` +
      'Indiquez où elle est : ZDL_DATA_DIR=<dossier> (dans .env ou votre shell) pour la base intégrée, ' +
      'ou DATABASE_URL=postgres://… pour un serveur PostgreSQL. ' +
      '« zdl db migrate » crée une base intégrée ici.',
  );
}

/** Opens the configured database: DATABASE_URL's server, or the embedded one (migrated on open). */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  if (!config.databaseUrl && options.create === false) assertEmbeddedExists(resolveEmbeddedPaths(config.dataDir));
  const db = config.databaseUrl
    ? connectServer(config.databaseUrl, {
        prepare: config.databasePrepare,
        max: 4,
        timeoutMs: config.databaseTimeoutMs,
      })
    : connectEmbeddedDatabase(resolveEmbeddedPaths(config.dataDir), {
        onCreate: options.onEmbeddedCreate,
        idleMs: config.embeddedIdleMs,
        longLivedHost: options.longLivedHost,
      });
  try {
    if (db.kind === 'embedded') await applyPendingMigrations(db);
    else if (options.checkMigrations !== false) await assertMigrated(db);
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
