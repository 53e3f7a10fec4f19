import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZdlError } from '../errors.js';
import { isHostLockFree, releaseHostLock, tryAcquireHostLock } from './host-lock.js';
import { stopIdleHost } from './idle-host-control.js';
import { spawnIdleHost } from './idle-host-spawn.js';
import { type PgliteHost, startPgliteHost } from './pglite-host.js';

// The embedded database is one PGlite data directory that only one process may open: its host,
// which serves the PostgreSQL protocol on a unix socket in the data directory; every process,
// the host included, talks to it through that socket with postgres.js. A command that finds no
// host starts the idle host (idle-host-main.ts), a background process that outlives it by
// ZDL_EMBEDDED_IDLE so that the next commands skip PGlite's boot; with `0s`, and always for
// `zdl serve`, the process hosts in-process instead (serve first asks an idle host to step
// aside). When a host exits it drains open transactions, closes, and releases the lock; the
// next connection attempt of any remaining process starts or becomes the next host.

export interface EmbeddedPaths {
  dataDir: string;
  pgdata: string;
  socketPath: string;
  lockPath: string;
}

export function resolveEmbeddedPaths(directory: string): EmbeddedPaths {
  // Absolute: the idle host gets it on its command line and must derive the same socket path.
  const dataDir = path.resolve(directory);
  const socketPath = path.join(dataDir, '.s.PGSQL.5432');
  return {
    dataDir,
    pgdata: path.join(dataDir, 'pgdata'),
    // Unix socket paths are limited to ~107 bytes: deep data directories get one in tmpdir.
    socketPath:
      socketPath.length < 100
        ? socketPath
        : path.join(os.tmpdir(), `zdl-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`),
    lockPath: path.join(dataDir, 'host.pid'),
  };
}

const hosts = new Map<string, PgliteHost>();
const CONNECT_DEADLINE_MS = 60_000;

function connectSocket(socketPath: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function isNobodyListening(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
}

export interface ConnectOptions {
  /** Called once when this process (or the idle host it started) creates the data directory. */
  onCreate?: (paths: EmbeddedPaths) => void;
  /**
   * How long a background host started for this process outlives it without connections; 0:
   * host in-process instead, for as long as this process runs.
   */
  idleMs: number;
  /** `zdl serve`: host in-process, and ask an idle host to step aside first. */
  displaceIdleHost?: boolean;
}

/** Socket factory for postgres.js: connects to the host, starting or becoming it if there is none. */
export async function connectEmbedded(paths: EmbeddedPaths, options: ConnectOptions): Promise<net.Socket> {
  const deadline = Date.now() + CONNECT_DEADLINE_MS;
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    if (options.displaceIdleHost) await stopIdleHost(paths);
    try {
      return await connectSocket(paths.socketPath);
    } catch (error) {
      if (!isNobodyListening(error)) throw error;
    }
    if (!hosts.has(paths.dataDir)) {
      const started =
        options.idleMs > 0 && !options.displaceIdleHost
          ? await startIdleHost(paths, options)
          : await hostInProcess(paths, options);
      if (started) continue;
    }
    if (Date.now() > deadline) {
      throw new ZdlError(
        'DATABASE_UNREACHABLE',
        'operational',
        `Base intégrée occupée : le processus qui la détient (${paths.lockPath}) ne répond pas`,
      );
    }
    await sleep(delay);
  }
}

/** Starts the background host if the lock is free; true once a host is (probably) listening. */
async function startIdleHost(paths: EmbeddedPaths, options: ConnectOptions): Promise<boolean> {
  if (!isHostLockFree(paths.lockPath)) return false;
  const report = await spawnIdleHost(paths, options.idleMs);
  if (report.type === 'ready' && report.created) options.onCreate?.(paths);
  return report.type === 'ready';
}

async function hostInProcess(paths: EmbeddedPaths, options: ConnectOptions): Promise<boolean> {
  if (!tryAcquireHostLock(paths.lockPath)) return false;
  try {
    const host = await startPgliteHost(paths);
    hosts.set(paths.dataDir, host);
    if (host.created) options.onCreate?.(paths);
    return true;
  } catch (error) {
    releaseHostLock(paths.lockPath);
    throw new ZdlError('EMBEDDED_DB_FAILED', 'operational', `Impossible d'ouvrir la base intégrée ${paths.pgdata}`, {
      cause: error,
    });
  }
}

/** Closes the host this process runs for `dataDir`, if any (an idle host lives on by itself). */
export async function closeEmbeddedHost(dataDir: string): Promise<void> {
  const host = hosts.get(dataDir);
  if (!host) return;
  hosts.delete(dataDir);
  await host.close();
}
