import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import { createDatabase } from '../../src/db/client.js';
import { applyPendingMigrations } from '../../src/db/migrations.js';

// Creating a PGlite database costs seconds; loading a dump of a migrated one costs ~1 s.
// So the suite migrates one template and every test file loads its dump.

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-template-'));
  const socketPath = path.join(dir, '.s.PGSQL.5432');
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 8 });
  await server.start();
  const sql = postgres({ path: socketPath, max: 1, prepare: false, fetch_types: false, onnotice: () => {} });
  const db = createDatabase(sql, 'embedded', 'template');
  await applyPendingMigrations(db);
  await db.close();
  await server.stop();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
