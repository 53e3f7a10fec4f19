import { execFile, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../src/clock.js';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  clock?: Clock;
  stdinTTY?: boolean;
  /** Make stdout and stderr look like a terminal (colour, progress). */
  outputTTY?: boolean;
}

function capture(isTTY = false) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => chunks.push(chunk) }, text: () => chunks.join('') };
}

/** Runs the real CLI entry in-process, with non-TTY streams unless told otherwise. */
export async function runCli(argv: string[], options: CliRunOptions): Promise<CliResult> {
  const stdout = capture(options.outputTTY);
  const stderr = capture(options.outputTTY);
  const stdin = Object.assign(Readable.from([]), { isTTY: options.stdinTTY ?? false });
  const code = await main(
    argv,
    {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin,
      env: { PATH: process.env.PATH, ZDL_EMBEDDED_IDLE: process.env.ZDL_EMBEDDED_IDLE, ...options.env },
      cwd: options.cwd,
    },
    { clock: options.clock },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** What every spawned zdl gets: PATH, HOME, and the harness's ZDL_EMBEDDED_IDLE (vitest.config.ts). */
export function harnessEnv(): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ZDL_EMBEDDED_IDLE: process.env.ZDL_EMBEDDED_IDLE };
}

export const BIN = fileURLToPath(new URL('../../bin/zdl.js', import.meta.url));

/** Spawns `bin/zdl.js` (the compiled CLI) as cron or a shell would, stdin closed. */
export function spawnCli(
  argv: string[],
  options: { env: Record<string, string | undefined>; cwd: string },
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...argv],
      { cwd: options.cwd, env: { ...harnessEnv(), ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export { spawn };
