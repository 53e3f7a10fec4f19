import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './serve-process.js';

// A scratch PostgreSQL 15 cluster of Debian's binaries, on a free loopback port, for the tests that
// need a server of their own: TLS-only (tls-cluster.ts), or one to freeze with SIGSTOP.

const BIN = process.env.ZDL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ScratchCluster {
  port: number;
  dir: string;
  /** Pauses every process of the cluster (SIGSTOP): a server that accepts TCP but never answers. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export interface ScratchClusterOptions {
  /** A directory prepared by the caller (certificates…); default a new temp dir. */
  dir?: string;
  /** Files in `dir` the server must own when we are root (a private key). */
  ownedFiles?: string[];
  conf?: string[];
  hba?: string;
}

export async function startScratchCluster(options: ScratchClusterOptions = {}): Promise<ScratchCluster> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'zdl-cluster-'));
  chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  // PostgreSQL refuses to run as root: the postgres OS user owns the cluster when we are root.
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, ...args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, program), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(BIN, program), args, { stdio: 'pipe' });
  if (asRoot) {
    const pgUid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const pgGid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, pgUid, pgGid);
    for (const file of options.ownedFiles ?? []) chownSync(path.join(dir, file), pgUid, pgGid);
  }
  run('initdb', '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync');
  const port = await freePort();
  const conf = [`port = ${port}`, "listen_addresses = 'localhost'", `unix_socket_directories = '${dir}'`];
  appendFileSync(path.join(data, 'postgresql.conf'), [...conf, 'fsync = off', ...(options.conf ?? []), ''].join('\n'));
  if (options.hba) writeFileSync(path.join(data, 'pg_hba.conf'), options.hba);
  run('pg_ctl', '-D', data, '-w', '-l', path.join(dir, 'log'), 'start');
  const signalAll = (signal: 'STOP' | 'CONT') => {
    const postmaster = readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
    const children = execFileSync('pgrep', ['-P', postmaster]).toString().split('\n').filter(Boolean);
    process.kill(Number(postmaster), `SIG${signal}`);
    for (const child of children) {
      try {
        process.kill(Number(child), `SIG${signal}`);
      } catch (error) {
        // A backend that exited since pgrep listed it (ESRCH) has nothing left to freeze or thaw.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  };
  return {
    port,
    dir,
    freeze: () => signalAll('STOP'),
    thaw: () => signalAll('CONT'),
    async stop() {
      try {
        signalAll('CONT');
        run('pg_ctl', '-D', data, '-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
