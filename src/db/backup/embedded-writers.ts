import { readFileSync } from 'node:fs';
import type { EmbeddedPaths } from '../embedded-host.js';

/**
 * The pid of another live process hosting the embedded database (typically `zdl serve`), or
 * null. What such a process writes after a copy's snapshot stays behind in the embedded database.
 */
export function findOtherEmbeddedHost(paths: EmbeddedPaths): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(paths.lockPath, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
