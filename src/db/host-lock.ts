import { mkdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';

// A pid file elects the one process that opens the PGlite data directory. A lock whose owner
// died is stale; removing it is serialized through a mkdir "recover" mutex so that two processes
// finding the same stale lock cannot both remove a lock that a third one just took.
// The file is `<pid>\n`, or `<pid>\nidle\n` for a background host that exits once unused
// (idle-host-main.ts): the role lets `zdl serve` and `db move-to` tell it from a real writer.

const UNREADABLE_GRACE_MS = 5_000;

export type HostRole = 'in-process' | 'idle';

/** The lock file as written: its pid (or 'unreadable') and the host's role. */
function readLockFile(lockPath: string): { owner: number | 'unreadable'; role: HostRole } | 'missing' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  const [first, second] = text.trim().split('\n');
  const pid = Number.parseInt(first ?? '', 10);
  return {
    owner: Number.isInteger(pid) && pid > 0 ? pid : 'unreadable',
    role: second?.trim() === 'idle' ? 'idle' : 'in-process',
  };
}

function readOwner(lockPath: string): number | 'missing' | 'unreadable' {
  const lock = readLockFile(lockPath);
  return lock === 'missing' ? 'missing' : lock.owner;
}

/** Whether a process with this pid exists (EPERM: it does, another user's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale(lockPath: string, owner: number | 'unreadable'): boolean {
  if (owner === 'unreadable') return ageMs(lockPath) > UNREADABLE_GRACE_MS;
  return owner !== process.pid && !isProcessAlive(owner);
}

function removeStaleLock(lockPath: string, staleOwner: number | 'unreadable'): void {
  const mutex = `${lockPath}.recover`;
  try {
    mkdirSync(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A recoverer that died mid-way must not block everyone forever.
    if (ageMs(mutex) > UNREADABLE_GRACE_MS) rmSync(mutex, { recursive: true, force: true });
    return;
  }
  try {
    if (readOwner(lockPath) === staleOwner) rmSync(lockPath, { force: true });
  } finally {
    rmdirSync(mutex);
  }
}

export interface HostLockOwner {
  pid: number;
  role: HostRole;
}

/** Who holds the lock, if a live process does (stale and unreadable locks read as null). */
export function readHostLock(lockPath: string): HostLockOwner | null {
  let lock: ReturnType<typeof readLockFile>;
  try {
    lock = readLockFile(lockPath);
  } catch {
    return null;
  }
  if (lock === 'missing' || lock.owner === 'unreadable' || !isProcessAlive(lock.owner)) return null;
  return { pid: lock.owner, role: lock.role };
}

/** Takes the lock if free (or stale). Returns false when a live process holds it. */
export function tryAcquireHostLock(lockPath: string, role: HostRole = 'in-process'): boolean {
  try {
    writeFileSync(lockPath, role === 'idle' ? `${process.pid}\nidle\n` : `${process.pid}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = readOwner(lockPath);
  if (owner === 'missing') return false; // released meanwhile: the caller retries
  if (isStale(lockPath, owner)) removeStaleLock(lockPath, owner);
  return false;
}

/** Whether this process holds the lock (false once someone removed or replaced the file). */
export function ownsHostLock(lockPath: string): boolean {
  try {
    return readOwner(lockPath) === process.pid;
  } catch {
    return false;
  }
}

/** Whether the lock file is absent or names a dead process: a host may be started. */
export function isHostLockFree(lockPath: string): boolean {
  const owner = readOwner(lockPath);
  if (owner === 'missing') return true;
  if (!isStale(lockPath, owner)) return false;
  removeStaleLock(lockPath, owner);
  return readOwner(lockPath) === 'missing';
}

export function releaseHostLock(lockPath: string): void {
  if (ownsHostLock(lockPath)) rmSync(lockPath, { force: true });
}
