import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveEmbeddedPaths } from '../../src/db/embedded-host.js';
import { isProcessAlive, readHostLock } from '../../src/db/host-lock.js';
import { stopIdleHost } from '../../src/db/idle-host-control.js';
import { spawnCli } from '../support/cli.js';
import { seedEmbeddedDataDir, type TestDatabase } from '../support/database.js';
import { startServeProcess } from '../support/serve-process.js';

// The idle host (src/db/idle-host-main.ts): the harness turns it off (ZDL_EMBEDDED_IDLE=0s in
// vitest.config.ts); these tests turn it back on, and stop every host they started.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'zdl-idle-'));
const dataDirs: string[] = [];

function idleHostsUnder(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((arg) => arg.endsWith('idle-host-main.js')) && argv.some((arg) => arg.startsWith(dir));
      } catch {
        return false;
      }
    })
    .map(Number);
}

afterAll(async () => {
  for (const dataDir of dataDirs) await stopIdleHost(resolveEmbeddedPaths(dataDir));
  rmSync(scratch, { recursive: true, force: true });
  expect(idleHostsUnder(scratch)).toEqual([]); // no test leaves a process behind
});

async function seeded(name: string): Promise<string> {
  const dataDir = path.join(scratch, name, 'data');
  dataDirs.push(dataDir);
  await seedEmbeddedDataDir(dataDir);
  return dataDir;
}

function zdl(dataDir: string, idle: string, ...argv: string[]) {
  return spawnCli(argv, { env: { ZDL_DATA_DIR: dataDir, ZDL_EMBEDDED_IDLE: idle }, cwd: path.dirname(dataDir) });
}

async function exitOf(pid: number): Promise<void> {
  while (isProcessAlive(pid)) await sleep(50);
}

function host(dataDir: string) {
  return readHostLock(resolveEmbeddedPaths(dataDir).lockPath);
}

// Each test spawns several processes, some booting PGlite (WASM): seconds each on a loaded machine.
const TIMEOUT_MS = 120_000;

describe('the idle host of the embedded database', () => {
  test(
    'outlives the command that started it, and the next command goes through it',
    async () => {
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
    TIMEOUT_MS,
  );

  test(
    'creates the data directory (mode 0700) and tells the command that started it, which says so once',
    async () => {
      const dataDir = path.join(scratch, 'fresh', 'data');
      dataDirs.push(dataDir);
      mkdirSync(path.dirname(dataDir)); // the command's directory; zdl makes the data directory
      const migrate = await zdl(dataDir, '60s', 'db', 'migrate');
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stderr.match(/Base de données intégrée créée dans/g)).toHaveLength(1);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(host(dataDir)).toMatchObject({ role: 'idle' });
      const again = await zdl(dataDir, '60s', 'persons', 'list', '--json');
      expect(again).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
    },
    TIMEOUT_MS,
  );

  test(
    'exits by itself once no command has been connected for ZDL_EMBEDDED_IDLE',
    async () => {
      const dataDir = await seeded('expires');
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
    TIMEOUT_MS,
  );

  test(
    'ZDL_EMBEDDED_IDLE=0s: the command hosts in-process and leaves no host behind; a bad value is refused',
    async () => {
      const dataDir = await seeded('off');
      expect(await zdl(dataDir, '0s', 'persons', 'list', '--json')).toMatchObject({ code: 0, stdout: '[]\n' });
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'host.log'))).toBe(false); // never started
      expect(idleHostsUnder(dataDir)).toEqual([]);
      const bad = await zdl(dataDir, 'une minute', 'persons', 'list', '--json');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('ZDL_EMBEDDED_IDLE');
    },
    TIMEOUT_MS,
  );

  test(
    'killed, it leaves nothing that blocks the next command, which starts a new one',
    async () => {
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
    TIMEOUT_MS,
  );

  test(
    'deleted with its data directory, it exits without writing anything there',
    async () => {
      const dataDir = await seeded('deleted');
      expect((await zdl(dataDir, '60s', 'persons', 'list', '--json')).code).toBe(0);
      const orphan = host(dataDir)!;
      rmSync(dataDir, { recursive: true, force: true });
      await exitOf(orphan.pid);
      expect(existsSync(dataDir)).toBe(false); // no checkpoint written into a path that is not its own
    },
    TIMEOUT_MS,
  );

  test(
    'a host that cannot start fails the command as before: the same message, exit 1, nothing left running',
    async () => {
      const dataDir = path.join(scratch, 'broken', 'data');
      dataDirs.push(dataDir);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(path.join(dataDir, 'pgdata'), 'pas un dossier'); // PGlite cannot open it
      const inProcess = await zdl(dataDir, '0s', 'persons', 'list');
      const background = await zdl(dataDir, '60s', 'persons', 'list');
      for (const result of [inProcess, background]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`Impossible d'ouvrir la base intégrée ${path.join(dataDir, 'pgdata')}`);
      }
      expect(background.stderr).toContain(path.join(dataDir, 'host.log'));
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
      expect(idleHostsUnder(dataDir)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'db backup and db restore go through it, and it keeps serving afterwards',
    async () => {
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
    TIMEOUT_MS,
  );

  test(
    'zdl serve asks it to step aside and hosts the database itself; commands then go through serve',
    async () => {
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
    TIMEOUT_MS,
  );
});
