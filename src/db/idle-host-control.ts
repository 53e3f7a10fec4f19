import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZdlError } from '../errors.js';
import type { EmbeddedPaths } from './embedded-host.js';
import { isProcessAlive, readHostLock } from './host-lock.js';

// Asking the idle host to step aside: `zdl serve` hosts the database itself for as long as it
// runs, and a host the user wants gone (before copying or deleting the data directory) goes.
// SIGTERM makes it stop like any host: no new connections, open transactions drained, PGlite
// closed, lock released; its clients reconnect to whoever hosts next.

// Its drain (≤ 10 s) and PGlite's close, with room for a loaded machine.
const STEP_ASIDE_DEADLINE_MS = 30_000;

/** Whether `pid` runs idle-host-main.js on this data directory (Linux /proc; elsewhere the lock's word). */
function runsIdleHost(pid: number, paths: EmbeddedPaths): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  const argv = cmdline.split('\0');
  return argv.some((arg) => arg.endsWith('idle-host-main.js')) && argv.includes(paths.dataDir);
}

/** The pid of the live idle host of this data directory, or null (none, or another kind of host). */
export function findIdleHost(paths: EmbeddedPaths): number | null {
  const owner = readHostLock(paths.lockPath);
  if (owner?.role !== 'idle' || owner.pid === process.pid) return null;
  // A pid reused by an unrelated process after a crash must not be signalled.
  return runsIdleHost(owner.pid, paths) ? owner.pid : null;
}

/** Stops the idle host, if there is one, and waits until it has released the lock and exited. */
export async function stopIdleHost(paths: EmbeddedPaths): Promise<number | null> {
  const pid = findIdleHost(paths);
  if (pid === null) return null;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return null; // exited by itself meanwhile
  }
  const deadline = Date.now() + STEP_ASIDE_DEADLINE_MS;
  // readHostLock names live owners only: once the process is gone, its lock no longer counts.
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      throw new ZdlError(
        'DATABASE_UNREACHABLE',
        'operational',
        `L’hôte en arrière-plan de la base intégrée (pid ${pid}) ne s’arrête pas : arrêtez-le (kill ${pid}) puis réessayez.`,
      );
    }
    await sleep(20);
  }
  return pid;
}
