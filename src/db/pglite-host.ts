import { existsSync, rmSync } from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { EmbeddedPaths } from './embedded-host.js';
import { ownsHostLock, releaseHostLock } from './host-lock.js';

// The host itself: PGlite on the data directory, served on the unix socket. Whoever calls
// startPgliteHost holds the host lock; the in-process host (embedded-host.ts) and the idle
// background host (idle-host-main.ts) are the two callers.

export interface PgliteHost {
  /** Whether this run created the database (PG_VERSION was missing). */
  created: boolean;
  /** The listening socket server, to watch connections come and go. */
  listener: net.Server;
  /** Stops accepting, drains open transactions, closes PGlite, releases the lock. */
  close(): Promise<void>;
}

export async function startPgliteHost(paths: EmbeddedPaths): Promise<PgliteHost> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  const created = !existsSync(path.join(paths.pgdata, 'PG_VERSION'));
  const db = await PGlite.create(paths.pgdata);
  rmSync(paths.socketPath, { force: true }); // left by a host that died; we hold the lock
  const server = new PGLiteSocketServer({ db, path: paths.socketPath, maxConnections: 256 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const listener = (server as unknown as { server: net.Server }).server;
  return { created, listener, close: () => stopHost(paths, db, server, listener) };
}

async function stopHost(paths: EmbeddedPaths, db: PGlite, server: PGLiteSocketServer, listener: net.Server) {
  // Stop accepting connections: newcomers wait for the lock and become (or start) the next host.
  listener.close();
  // A lock that is no longer ours means the data directory was deleted (and maybe made again,
  // with another host): its socket is not ours to remove, and closing PGlite would write a
  // checkpoint into files that are not ours either. Dropping PGlite unclosed is a crash to the
  // files we had, which PostgreSQL recovers from.
  const ours = ownsHostLock(paths.lockPath);
  if (ours) rmSync(paths.socketPath, { force: true });
  // Let open transactions finish (a client mid-transaction holds PGlite in a transaction) so
  // that no committed work loses its answer; clients between transactions just reconnect.
  const drainDeadline = Date.now() + 10_000;
  while ((db.isInTransaction() || server.getStats().queuedQueries > 0) && Date.now() < drainDeadline) {
    await sleep(5);
  }
  await server.stop();
  if (!ours) return;
  await db.close();
  releaseHostLock(paths.lockPath);
}
