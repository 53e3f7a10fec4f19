import type { EmbeddedPaths } from '../embedded-host.js';
import { readHostLock } from '../host-lock.js';

/**
 * The pid of another live process hosting the embedded database (typically `zdl serve`), or
 * null. What such a process writes after a copy's snapshot stays behind in the embedded database.
 * The idle host is not one: it only serves the commands, and `zdl serve` never runs as its
 * client (it makes the idle host step aside and hosts the database itself).
 */
export function findOtherEmbeddedHost(paths: EmbeddedPaths): number | null {
  const owner = readHostLock(paths.lockPath);
  if (owner === null || owner.pid === process.pid || owner.role === 'idle') return null;
  return owner.pid;
}
