import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { spawnCli } from '../support/cli.js';
import { seedEmbeddedDataDir } from '../support/database.js';

const WORKER = fileURLToPath(new URL('../fixtures/embedded-worker.mjs', import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'zdl-embedded-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Worker {
  started: Promise<void>;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  stderr: () => string;
}

function startWorker(dataDir: string, name: string, count: number, delayMs: number): Worker {
  const child = spawn(process.execPath, [WORKER, dataDir, name, String(count), String(delayMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const started = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk) => String(chunk).includes('started') && resolve()),
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { started, exited, kill: (signal) => child.kill(signal), stderr: () => stderr };
}

async function countWorkerRows(dataDir: string): Promise<Record<string, number>> {
  const result = await spawnCli(['audit', '--action', 'test.worker', '--limit', '10000', '--json'], {
    env: { ZDL_DATA_DIR: dataDir },
    cwd: scratch,
  });
  expect(result.stderr).toBe('');
  const counts: Record<string, number> = {};
  for (const row of JSON.parse(result.stdout) as { detail: { name: string } }[])
    counts[row.detail.name] = (counts[row.detail.name] ?? 0) + 1;
  return counts;
}

// Each test spawns several zdl processes, each booting PGlite (WASM): seconds each on a loaded machine.
const SPAWNING_TIMEOUT_MS = 120_000;

describe('embedded database', () => {
  test(
    'is created and migrated on first use, announced once on stderr',
    async () => {
      const dataDir = path.join(scratch, 'fresh');
      // A read-only command never creates it (it would hide a wrong directory); a writing one does.
      const before = await spawnCli(['persons', 'list', '--json'], { env: { ZDL_DATA_DIR: dataDir }, cwd: scratch });
      expect(before.code).toBe(1);
      expect(existsSync(dataDir)).toBe(false);
      const first = await spawnCli(['db', 'migrate', '--json'], { env: { ZDL_DATA_DIR: dataDir }, cwd: scratch });
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(`Base de données intégrée créée dans ${path.join(dataDir, 'pgdata')}`);
      expect(first.stderr).toContain('DATABASE_URL');
      const listed = await spawnCli(['persons', 'list', '--json'], { env: { ZDL_DATA_DIR: dataDir }, cwd: scratch });
      expect(listed).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
      const second = await spawnCli(['db', 'status', '--json'], { env: { ZDL_DATA_DIR: dataDir }, cwd: scratch });
      expect(second.stderr).toBe('');
      expect(JSON.parse(second.stdout).migrations.every((m: { state: string }) => m.state === 'applied')).toBe(true);
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(false); // released on exit
    },
    SPAWNING_TIMEOUT_MS,
  );

  test(
    'several processes share it, and the host hands over when it exits',
    async () => {
      const dataDir = path.join(scratch, 'shared');
      await seedEmbeddedDataDir(dataDir);
      const host = startWorker(dataDir, 'host', 10, 30); // first: becomes the host, exits early
      await host.started;
      const others = ['b', 'c', 'd'].map((name) => startWorker(dataDir, name, 60, 15));
      const cli = Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          spawnCli(['persons', 'add', '--nom', `Concurrent${i}`, '--prenom', 'P', '--json'], {
            env: { ZDL_DATA_DIR: dataDir },
            cwd: scratch,
          }),
        ),
      );
      expect(await host.exited).toBe(0);
      const late = startWorker(dataDir, 'late', 20, 5); // arrives after the first host left
      const codes = await Promise.all([...others, late].map((w) => w.exited));
      expect(codes, others.map((w) => w.stderr()).join('\n')).toEqual([0, 0, 0, 0]);
      expect((await cli).map((r) => r.code)).toEqual([0, 0, 0]);
      expect(await countWorkerRows(dataDir)).toEqual({ host: 10, b: 60, c: 60, d: 60, late: 20 });
    },
    SPAWNING_TIMEOUT_MS,
  );

  test(
    'a host that was killed leaves a stale lock that the next process recovers',
    async () => {
      const dataDir = path.join(scratch, 'killed');
      await seedEmbeddedDataDir(dataDir);
      const victim = startWorker(dataDir, 'victim', 1000, 10);
      await victim.started;
      expect(existsSync(path.join(dataDir, 'host.pid'))).toBe(true);
      victim.kill('SIGKILL');
      await victim.exited;
      const next = startWorker(dataDir, 'next', 3, 1);
      expect(await next.exited).toBe(0);
      const rows = await countWorkerRows(dataDir);
      expect(rows.next).toBe(3);
      expect(rows.victim).toBeGreaterThanOrEqual(1); // what it committed before dying survived
    },
    SPAWNING_TIMEOUT_MS,
  );
});
