import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect } from 'vitest';
import { resolveEmbeddedPaths } from '../../src/db/embedded-host.js';
import { isProcessAlive, readHostLock } from '../../src/db/host-lock.js';
import { stopIdleHost } from '../../src/db/idle-host-control.js';
import { spawnCli } from './cli.js';
import { seedEmbeddedDataDir } from './database.js';

// The idle host (src/db/idle-host-main.ts) for test/db/idle-host*.test.ts: the harness turns it
// off (ZDL_EMBEDDED_IDLE=0s in vitest.config.ts); these tests turn it back on, each on data
// directories of its own, and every host they started is stopped after the file.

/** The pids of the idle hosts whose command line names a path under `dir`. */
export function idleHostsUnder(dir: string): number[] {
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

/** Waits for a process to be gone (polling, no fixed sleep). */
export async function exitOf(pid: number): Promise<void> {
  while (isProcessAlive(pid)) await sleep(50);
}

/** Who hosts this data directory, if a live process does. */
export function host(dataDir: string) {
  return readHostLock(resolveEmbeddedPaths(dataDir).lockPath);
}

/** A spawned zdl on this data directory, with this ZDL_EMBEDDED_IDLE. */
export function zdl(dataDir: string, idle: string, ...argv: string[]) {
  return spawnCli(argv, { env: { ZDL_DATA_DIR: dataDir, ZDL_EMBEDDED_IDLE: idle }, cwd: path.dirname(dataDir) });
}

/** This file's scratch directory, removed after it once no idle host is left under it. */
export function useIdleHostScratch() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'zdl-idle-'));
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const dataDir of dataDirs) await stopIdleHost(resolveEmbeddedPaths(dataDir));
    rmSync(scratch, { recursive: true, force: true });
    expect(idleHostsUnder(scratch)).toEqual([]); // no test leaves a process behind
  });
  /** `<scratch>/<name>/data`, not created (its parent is: the command's directory). */
  const dataDir = (name: string): string => {
    const dir = path.join(scratch, name, 'data');
    dataDirs.push(dir);
    mkdirSync(path.dirname(dir), { recursive: true });
    return dir;
  };
  /** A data directory holding the migrated template. */
  const seeded = async (name: string): Promise<string> => {
    const dir = dataDir(name);
    await seedEmbeddedDataDir(dir);
    return dir;
  };
  return { scratch, dataDir, seeded };
}

/** Each test spawns several processes, some booting PGlite (WASM): seconds each on a loaded machine. */
export const IDLE_HOST_TIMEOUT_MS = 120_000;
