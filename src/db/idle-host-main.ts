// The idle host: a detached process that hosts the embedded database for the zdl commands
// (spawned by idle-host-spawn.ts, never run by hand), and exits once no client has been
// connected for the idle period, or on SIGTERM (`zdl serve` and the exclusive commands ask it to
// step aside). It tells its parent over IPC whether it is ready, lost the race for the lock, or
// failed; then the parent disconnects and exits, and this process lives on by itself.
//   node idle-host-main.js <data directory> <idle ms>
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveEmbeddedPaths } from './embedded-host.js';
import { ownsHostLock, releaseHostLock, tryAcquireHostLock } from './host-lock.js';
import type { IdleHostReport } from './idle-host-spawn.js';
import { type PgliteHost, startPgliteHost } from './pglite-host.js';

// How often the host checks that host.pid still names it (the data directory may be deleted).
const LOCK_CHECK_MS = 1_000;

function report(message: IdleHostReport): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    // The parent may have died meanwhile: that is no reason for the host to fail.
    process.send(message, undefined, {}, () => {
      process.disconnect?.();
      resolve();
    });
  });
}

// The command that started the host connects once it has read "ready"; on a loaded machine that
// can take longer than a short idle period (ZDL_EMBEDDED_IDLE=1s), and a host gone by then fails
// the command. Before its first client, the host waits at least this long.
const FIRST_CLIENT_MS = 30_000;

/** Calls `onIdle` once no connection has been open for `idleMs` (the first client: see above). */
function watchIdle(host: PgliteHost, idleMs: number, onIdle: () => void): void {
  let open = 0;
  let timer: NodeJS.Timeout | undefined = setTimeout(onIdle, Math.max(idleMs, FIRST_CLIENT_MS));
  host.listener.on('connection', (socket) => {
    open++;
    clearTimeout(timer);
    socket.once('close', () => {
      if (--open === 0) timer = setTimeout(onIdle, idleMs);
    });
  });
}

async function main(): Promise<void> {
  const [dataDir, idle] = process.argv.slice(2);
  const idleMs = Number(idle);
  if (!dataDir || !Number.isInteger(idleMs) || idleMs <= 0) {
    process.stderr.write('usage: idle-host-main.js <data directory> <idle ms>\n');
    process.exit(2);
  }
  const paths = resolveEmbeddedPaths(dataDir);
  if (!tryAcquireHostLock(paths.lockPath, 'idle')) {
    await report({ type: 'busy' });
    return;
  }
  let host: PgliteHost;
  try {
    host = await startPgliteHost(paths);
  } catch (error) {
    releaseHostLock(paths.lockPath);
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await report({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  watchIdle(host, idleMs, stop);
  await report({ type: 'ready', created: host.created });
  // Deleted with its data directory, or its lock removed by hand: this host no longer owns
  // those files and must not write to them (nor to the ones that may replace them).
  while (!stopping) {
    await sleep(LOCK_CHECK_MS);
    if (!stopping && !ownsHostLock(paths.lockPath)) process.exit(0);
  }
}

await main();
