import { fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { resolveEmbeddedPaths } from '../../src/db/embedded-host.js';
import { isProcessAlive } from '../../src/db/host-lock.js';
import { stopIdleHost } from '../../src/db/idle-host-control.js';
import { exitOf, host, IDLE_HOST_TIMEOUT_MS, idleHostsUnder, useIdleHostScratch, zdl } from '../support/idle-host.js';

const { dataDir: newDataDir, seeded } = useIdleHostScratch();
const IDLE_HOST_ENTRY = fileURLToPath(new URL('../../dist/db/idle-host-main.js', import.meta.url));

// Each test has data directories of its own, so they run side by side (vitest's maxConcurrency):
// most of a test's time is a process booting PGlite or a host waiting out a period.
describe.concurrent('the idle host of the embedded database', () => {
  test(
    'outlives the command that started it, and the next command goes through it',
    async ({ expect }) => {
      const dataDir = await seeded('reuse');
      const added = await zdl(dataDir, '60s', 'persons', 'add', '--nom', 'Durand', '--prenom', 'Lise', '--json');
      expect(added).toMatchObject({ code: 0, stderr: expect.any(String) });
      const first = host(dataDir);
      expect(first).toMatchObject({ role: 'idle' });
      expect(isProcessAlive(first!.pid)).toBe(true); // not the command's pid: that one has exited
      const listed = await zdl(dataDir, '60s', 'persons', 'list', '--json');
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout).map((p: { nom: string }) => p.nom)).toEqual(['Durand']);
      expect(host(dataDir)).toEqual(first);
      // Its files are the database's: private to the user.
      expect(statSync(path.join(dataDir, 'host.log')).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dataDir, 'host.pid')).mode & 0o777).toBe(0o600);

      expect(await stopIdleHost(resolveEmbeddedPaths(dataDir))).toBe(first!.pid);
      expect(isProcessAlive(first!.pid)).toBe(false);
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
      expect(existsSync(resolveEmbeddedPaths(dataDir).socketPath)).toBe(false);
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'creates the data directory (mode 0700) and tells the command that started it, which says so once',
    async ({ expect }) => {
      const dataDir = newDataDir('fresh'); // only the command's directory: zdl makes the data directory
      const migrate = await zdl(dataDir, '60s', 'db', 'migrate');
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stderr.match(/Base de données intégrée créée dans/g)).toHaveLength(1);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(host(dataDir)).toMatchObject({ role: 'idle' });
      const again = await zdl(dataDir, '60s', 'persons', 'list', '--json');
      expect(again).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'ZDL_EMBEDDED_IDLE=0s: the command hosts in-process and leaves no host behind; a bad value is refused',
    async ({ expect }) => {
      const dataDir = await seeded('off');
      expect(await zdl(dataDir, '0s', 'persons', 'list', '--json')).toMatchObject({ code: 0, stdout: '[]\n' });
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'host.log'))).toBe(false); // never started
      expect(idleHostsUnder(dataDir)).toEqual([]);
      const bad = await zdl(dataDir, 'une minute', 'persons', 'list', '--json');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('ZDL_EMBEDDED_IDLE');
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'killed, it leaves nothing that blocks the next command, which starts a new one',
    async ({ expect }) => {
      const dataDir = await seeded('killed');
      expect((await zdl(dataDir, '60s', 'persons', 'add', '--nom', 'Avant', '--prenom', 'Kill')).code).toBe(0);
      const victim = host(dataDir)!;
      process.kill(victim.pid, 'SIGKILL');
      await exitOf(victim.pid);
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(true); // stale
      const next = await zdl(dataDir, '60s', 'persons', 'list', '--json');
      expect(next.code, next.stderr).toBe(0);
      expect(JSON.parse(next.stdout).map((p: { nom: string }) => p.nom)).toEqual(['Avant']);
      const successor = host(dataDir);
      expect(successor).toMatchObject({ role: 'idle' });
      expect(successor!.pid).not.toBe(victim.pid);
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'deleted with its data directory, it exits without writing anything there',
    async ({ expect }) => {
      const dataDir = await seeded('deleted');
      expect((await zdl(dataDir, '60s', 'persons', 'list', '--json')).code).toBe(0);
      const orphan = host(dataDir)!;
      rmSync(dataDir, { recursive: true, force: true });
      await exitOf(orphan.pid);
      expect(existsSync(dataDir)).toBe(false); // no checkpoint written into a path that is not its own
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'exits by itself once no command has been connected for ZDL_EMBEDDED_IDLE',
    async ({ expect }) => {
      const dataDir = await seeded('expires');
      // 1s: the shortest period there is (0s means no idle host).
      expect((await zdl(dataDir, '1s', 'persons', 'list', '--json')).code).toBe(0);
      const started = host(dataDir);
      expect(started).toMatchObject({ role: 'idle' });
      await exitOf(started!.pid);
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
      expect(existsSync(resolveEmbeddedPaths(dataDir).socketPath)).toBe(false);
      // Closed cleanly: the next command opens the same data, with a new host.
      expect((await zdl(dataDir, '0s', 'persons', 'add', '--nom', 'Après', '--prenom', 'Fin')).code).toBe(0);
      expect(JSON.parse((await zdl(dataDir, '0s', 'persons', 'list', '--json')).stdout)).toHaveLength(1);
    },
    IDLE_HOST_TIMEOUT_MS,
  );

  test(
    'waits for the command that started it longer than a short idle period, then the period holds',
    async ({ expect }) => {
      const dataDir = await seeded('late');
      // As a command starts it (src/db/idle-host-spawn.ts), with the shortest period; then the
      // command is slow to connect.
      const child = fork(IDLE_HOST_ENTRY, [dataDir, '1000'], {
        cwd: dataDir,
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      });
      const [report] = await once(child, 'message');
      expect(report).toMatchObject({ type: 'ready' });
      const started = host(dataDir);
      await sleep(2_500);
      expect(host(dataDir)).toEqual(started);
      const listed = await zdl(dataDir, '1s', 'persons', 'list', '--json');
      expect(listed.code).toBe(0);
      expect(host(dataDir)).toEqual(started); // it went through that host
      await exitOf(started!.pid); // then gone after 1 s without a client
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
    },
    IDLE_HOST_TIMEOUT_MS,
  );
});
