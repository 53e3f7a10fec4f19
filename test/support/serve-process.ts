import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { BIN } from './cli.js';
import type { TestDatabase } from './database.js';

// `node bin/zdl.js serve` as a child process, exactly as deployed (security headers, cross-origin
// guard, rate limits, outbox): the compiled CLI, so `npm run build` first (as `npm test` does).

export interface SpawnedServe {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** The listening URL printed on stderr (`http://127.0.0.1:PORT/`); rejects if the process exits first. */
  url: Promise<string>;
}

/** Spawns `zdl serve --port <port> --host 127.0.0.1` in the test directory with the test database's env. */
export function spawnServe(t: TestDatabase, env: Record<string, string>, port = 0): SpawnedServe {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: t.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...t.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL on stderr:\n${output.stderr}`)), 30_000);
    child.stderr!.on('data', () => {
      // The ready line; the lines before it name other URLs (MailerSend's, Google's).
      const match = /servies sur (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited early:\n${output.stderr}`));
    });
  });
  url.catch(() => undefined); // a test that never asks for the URL must not leave a rejection behind
  return { child, output, exited, url };
}

/** A port that was free a moment ago: listen on 0, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServeProcess {
  /** `http://127.0.0.1:PORT` — also ZDL_PUBLIC_URL, so e-mail links and the Google callback point here. */
  origin: string;
  port: number;
  /** Where the server (and any CLI run with `env`) writes its e-mails. */
  outbox: string;
  /** The whole environment of the server: give it to `spawnCli` so admin commands share database and outbox. */
  env: Record<string, string>;
  output: { stdout: string; stderr: string };
  /** SIGTERM, then the exit code (the caller asserts 0). */
  stop(): Promise<number | null>;
}

export interface ServeProcessOptions {
  /** Extra environment, e.g. the Google variables. */
  env?: Record<string, string>;
  /** Defaults to `<test dir>/outbox-<port>`. */
  outbox?: string;
}

/**
 * Starts `zdl serve` on a free port with ZDL_PUBLIC_URL = its own address. The public URL must be
 * known before the server starts, hence a port picked beforehand (not --port 0); if another process
 * grabs it in between, we try again with a new one.
 */
export async function startServeProcess(t: TestDatabase, options: ServeProcessOptions = {}): Promise<ServeProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const outbox = options.outbox ?? path.join(t.dir, `outbox-${port}`);
    mkdirSync(outbox, { recursive: true, mode: 0o700 });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...t.env,
      ZDL_PUBLIC_URL: origin,
      ZDL_MAIL_OUTBOX: outbox,
      ...options.env,
    };
    const spawned = spawnServe(t, env, port);
    try {
      await spawned.url;
    } catch (error) {
      if (attempt < 3 && /déjà utilisé/.test(spawned.output.stderr)) continue;
      spawned.child.kill('SIGKILL');
      throw error;
    }
    let stopping: Promise<number | null> | undefined;
    return {
      origin,
      port,
      outbox,
      env,
      output: spawned.output,
      stop() {
        if (!stopping) {
          if (spawned.child.exitCode === null && spawned.child.signalCode === null) spawned.child.kill('SIGTERM');
          stopping = spawned.exited;
        }
        return stopping;
      },
    };
  }
}
