import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ZdlError } from '../errors.js';
import { releaseHostLock, tryAcquireHostLock } from './host-lock.js';

// The embedded database is one PGlite data directory that only one process may open. The first
// zdl process to need it becomes the host: it opens PGlite and serves the PostgreSQL protocol on
// a unix socket in the data directory; every process, the host included, talks to it through
// that socket with postgres.js. When the host exits it drains open transactions, closes, and
// releases the lock; the next connection attempt of any remaining process makes it the host.

export interface EmbeddedPaths {
  dataDir: string;
  pgdata: string;
  socketPath: string;
  lockPath: string;
}

export function resolveEmbeddedPaths(dataDir: string): EmbeddedPaths {
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

interface Host {
  close(): Promise<void>;
}

const hosts = new Map<string, Host>();
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
  /** Called once when this process creates the data directory. */
  onCreate?: (paths: EmbeddedPaths) => void;
}

/** Socket factory for postgres.js: connects to the host, becoming it if there is none. */
export async function connectEmbedded(paths: EmbeddedPaths, options: ConnectOptions = {}): Promise<net.Socket> {
  const deadline = Date.now() + CONNECT_DEADLINE_MS;
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    try {
      return await connectSocket(paths.socketPath);
    } catch (error) {
      if (!isNobodyListening(error)) throw error;
    }
    if (!hosts.has(paths.dataDir) && tryAcquireHostLock(paths.lockPath)) {
      try {
        hosts.set(paths.dataDir, await startHost(paths, options));
      } catch (error) {
        releaseHostLock(paths.lockPath);
        throw new ZdlError(
          'EMBEDDED_DB_FAILED',
          'operational',
          `Impossible d'ouvrir la base intégrée ${paths.pgdata}`,
          {
            cause: error,
          },
        );
      }
      continue;
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

async function startHost(paths: EmbeddedPaths, options: ConnectOptions): Promise<Host> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  const creating = !existsSync(path.join(paths.pgdata, 'PG_VERSION'));
  const db = await PGlite.create(paths.pgdata);
  if (creating) options.onCreate?.(paths);
  rmSync(paths.socketPath, { force: true }); // left by a host that died; we hold the lock
  const server = new PGLiteSocketServer({ db, path: paths.socketPath, maxConnections: 256 });
  await server.start();
  return { close: () => stopHost(paths, db, server) };
}

async function stopHost(paths: EmbeddedPaths, db: PGlite, server: PGLiteSocketServer): Promise<void> {
  // Stop accepting connections: newcomers wait for the lock and become the next host.
  const listener = (server as unknown as { server: net.Server | null }).server;
  listener?.close();
  rmSync(paths.socketPath, { force: true });
  // Let open transactions finish (a client mid-transaction holds PGlite in a transaction) so
  // that no committed work loses its answer; clients between transactions just reconnect.
  const drainDeadline = Date.now() + 10_000;
  while ((db.isInTransaction() || server.getStats().queuedQueries > 0) && Date.now() < drainDeadline) {
    await sleep(5);
  }
  await server.stop();
  await db.close();
  releaseHostLock(paths.lockPath);
}

/** Closes the host this process runs for `dataDir`, if any. */
export async function closeEmbeddedHost(dataDir: string): Promise<void> {
  const host = hosts.get(dataDir);
  if (!host) return;
  hosts.delete(dataDir);
  await host.close();
}
