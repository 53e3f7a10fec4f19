import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZdlError } from '../errors.js';
import type { EmbeddedPaths } from './embedded-host.js';

// Starts the idle host (idle-host-main.ts) for a command that found no host: detached, in its
// own session (no terminal signal reaches it), stdin and stdout on /dev/null and stderr in
// host.log (mode 0600) so that it holds none of the command's terminal or pipes. The command
// waits for its report over IPC: a boot failure is the command's error, as when it hosted itself.

export type IdleHostReport =
  | { type: 'ready'; created: boolean }
  | { type: 'busy' }
  | { type: 'failed'; message: string };

const ENTRY = fileURLToPath(new URL('./idle-host-main.js', import.meta.url));
// PGlite boots in ~1.5 s; far more on a loaded machine, never a minute.
const READY_DEADLINE_MS = 60_000;

export function hostLogPath(paths: EmbeddedPaths): string {
  return path.join(paths.dataDir, 'host.log');
}

function lastLines(file: string, count = 5): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-count).join('\n');
  } catch {
    return '';
  }
}

function failure(paths: EmbeddedPaths, reason: string): ZdlError {
  // The same first line as when the command hosted itself; the host's own words (its stderr)
  // stay in host.log, and in the cause for --debug.
  const log = lastLines(hostLogPath(paths));
  return new ZdlError(
    'EMBEDDED_DB_FAILED',
    'operational',
    `Impossible d'ouvrir la base intégrée ${paths.pgdata} (détails : ${hostLogPath(paths)})`,
    { cause: new Error(log ? `${reason}\n${log}` : reason) },
  );
}

/** Starts an idle host and waits until it is ready (or another process won the lock: 'busy'). */
export async function spawnIdleHost(paths: EmbeddedPaths, idleMs: number): Promise<IdleHostReport> {
  const log = openSync(hostLogPath(paths), 'w', 0o600);
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(process.execPath, [ENTRY, paths.dataDir, String(idleMs)], {
      // Not the command's directory: a lingering host must not keep it busy (an unmount).
      cwd: paths.dataDir,
      detached: true,
      stdio: ['ignore', 'ignore', log, 'ipc'],
      env: process.env,
    });
  } finally {
    closeSync(log);
  }
  const report = await new Promise<IdleHostReport | { type: 'exited'; code: number | null }>((resolve) => {
    const timer = setTimeout(
      () => resolve({ type: 'failed', message: 'délai de démarrage dépassé' }),
      READY_DEADLINE_MS,
    );
    const settle = (value: IdleHostReport | { type: 'exited'; code: number | null }) => {
      clearTimeout(timer);
      resolve(value);
    };
    child.once('message', (message) => settle(message as IdleHostReport));
    child.once('error', (error) => settle({ type: 'failed', message: error.message }));
    child.once('exit', (code) => settle({ type: 'exited', code }));
  });
  child.removeAllListeners();
  if (child.connected) child.disconnect();
  child.unref();
  if (report.type === 'ready' || report.type === 'busy') return report;
  if (report.type === 'failed' && child.exitCode === null) child.kill('SIGKILL');
  throw failure(
    paths,
    report.type === 'exited' ? `l’hôte s’est arrêté au démarrage (code ${report.code})` : report.message,
  );
}
