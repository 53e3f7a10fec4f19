import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './serve-process.js';

// Debian's PgBouncer in transaction mode in front of the test server (ZDL_TEST_DATABASE_URL),
// configured in a temp dir on a free loopback port: what Supabase's port 6543 is.

export interface Bouncer {
  /** `url` with host and port replaced by the bouncer's. */
  through(url: string): string;
  stop(): Promise<void>;
}

export const PGBOUNCER = process.env.ZDL_PGBOUNCER ?? '/usr/sbin/pgbouncer';

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.end() !== undefined));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`pgbouncer does not listen:\n${log()}`);
}

export async function startPgBouncer(serverUrl: string): Promise<Bouncer> {
  const server = new URL(serverUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-pgbouncer-'));
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || '5432'} user=${server.username || 'postgres'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = any',
      `auth_user = ${server.username || 'postgres'}`,
      'pool_mode = transaction',
      'default_pool_size = 8',
      'max_client_conn = 200',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: the postgres OS user runs it when we are root.
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const argv = asRoot ? ['-u', 'postgres', '--', PGBOUNCER, 'pgbouncer.ini'] : ['pgbouncer.ini'];
  let output = '';
  const child = spawn(asRoot ? 'runuser' : PGBOUNCER, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForPort(port, child, () => output);
  return {
    through(url: string) {
      const target = new URL(url);
      target.hostname = '127.0.0.1';
      target.port = String(port);
      return target.toString();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
