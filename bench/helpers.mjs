// Shared by the bench scripts: a scratch embedded database (or DATABASE_URL's server) and a
// timer for whole zdl commands, reported as ratios to a trivial command on the same database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../bin/zdl.js', import.meta.url));

export function scratchEnvironment() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-bench-'));
  const env = { ...process.env, ZDL_DATA_DIR: path.join(dir, 'data') };
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function timeCommand(argv, env, cwd) {
  const start = process.hrtime.bigint();
  const stdout = execFileSync(process.execPath, [bin, ...argv], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1 << 30,
  });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: stdout.toString() };
}

/** The cost of starting zdl and opening the database: what every command pays anyway. */
export function baselineMs(env, cwd, runs = 5) {
  timeCommand(['db', 'status', '--json'], env, cwd); // creates/migrates the embedded database
  const times = Array.from({ length: runs }, () => timeCommand(['db', 'status', '--json'], env, cwd).ms).sort(
    (a, b) => a - b,
  );
  return times[Math.floor(runs / 2)];
}
