import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'vitest';
import { isProcessAlive } from '../../src/db/host-lock.js';
import type { TestDatabase } from '../support/database.js';
import { host, IDLE_HOST_TIMEOUT_MS, idleHostsUnder, useIdleHostScratch, zdl } from '../support/idle-host.js';
import { startServeProcess } from '../support/serve-process.js';

const { scratch, dataDir: newDataDir, seeded } = useIdleHostScratch();

// Each test has data directories of its own, so they run side by side (vitest's maxConcurrency):
// most of a test's time is a process booting PGlite or a host waiting out a period.
describe.concurrent('the idle host of the embedded database, for other commands', () => {
  test(
    'a host that cannot start fails the command as before: the same message, exit 1, nothing left running',
    async ({ expect }) => {
      // One broken data directory for each way of hosting, so that both fail side by side
      // (PGlite takes seconds to give up on a data directory it cannot open).
      const [inProcessDir, backgroundDir] = ['broken-in-process', 'broken-background'].map((name) => {
        const dataDir = newDataDir(name);
        mkdirSync(dataDir, { mode: 0o700 });
        writeFileSync(path.join(dataDir, 'pgdata'), 'pas un dossier'); // PGlite cannot open it
        return dataDir;
      }) as [string, string];
      const [inProcess, background] = await Promise.all([
        zdl(inProcessDir, '0s', 'persons', 'list'),
        zdl(backgroundDir, '60s', 'persons', 'list'),
      ]);
      for (const [result, dataDir] of [
        [inProcess, inProcessDir],
        [background, backgroundDir],
      ] as const) {
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`Impossible d'ouvrir la base intégrée ${path.join(dataDir, 'pgdata')}`);
        expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
        expect(idleHostsUnder(dataDir)).toEqual([]);
      }
      expect(background.stderr).toContain(path.join(backgroundDir, 'host.log'));
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'db backup and db restore go through it, and it keeps serving afterwards',
    async ({ expect }) => {
      const dataDir = await seeded('backup');
      expect((await zdl(dataDir, '60s', 'persons', 'add', '--nom', 'Sauvée', '--prenom', 'Anne')).code).toBe(0);
      const idle = host(dataDir)!;
      const file = path.join(scratch, 'backup', 'nuit.zdl.gz');
      const backup = await zdl(dataDir, '60s', 'db', 'backup', file, '--json');
      expect(backup.code, backup.stderr).toBe(0);
      expect(JSON.parse(backup.stdout).tables.personnes).toBe(1);
      expect((await zdl(dataDir, '60s', 'persons', 'add', '--nom', 'Effacée', '--prenom', 'Eve')).code).toBe(0);
      // --force: replace what is there, through the same host.
      const restore = await zdl(dataDir, '60s', 'db', 'restore', file, '--force', '--yes', '--json');
      expect(restore.code, restore.stderr).toBe(0);
      expect(host(dataDir)).toEqual(idle);
      const listed = await zdl(dataDir, '60s', 'persons', 'list', '--json');
      expect(JSON.parse(listed.stdout).map((p: { nom: string }) => p.nom)).toEqual(['Sauvée']);
      // Into another data directory: a second idle host, of its own.
      const other = await seeded('restored');
      expect((await zdl(other, '60s', 'db', 'restore', file, '--json')).code).toBe(0);
      expect(host(other)).toMatchObject({ role: 'idle' });
      expect(host(other)!.pid).not.toBe(idle.pid);
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'zdl serve asks it to step aside and hosts the database itself; commands then go through serve',
    async ({ expect }) => {
      const dataDir = await seeded('serve');
      expect((await zdl(dataDir, '60s', 'persons', 'add', '--nom', 'Servie', '--prenom', 'Zoé')).code).toBe(0);
      const idle = host(dataDir)!;
      const t = { dir: path.dirname(dataDir), env: { ZDL_DATA_DIR: dataDir, ZDL_EMBEDDED_IDLE: '60s' } };
      const serve = await startServeProcess(t as unknown as TestDatabase);
      try {
        expect(isProcessAlive(idle.pid)).toBe(false);
        const served = host(dataDir);
        expect(served).toMatchObject({ role: 'in-process' });
        expect((await fetch(new URL('/healthz', serve.origin))).status).toBe(200);
        const listed = await zdl(dataDir, '60s', 'persons', 'list', '--json');
        expect(JSON.parse(listed.stdout).map((p: { nom: string }) => p.nom)).toEqual(['Servie']);
        expect(host(dataDir)).toEqual(served); // no idle host while serve hosts
      } finally {
        expect(await serve.stop()).toBe(0);
      }
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
    },
    IDLE_HOST_TIMEOUT_MS,
  );
});
