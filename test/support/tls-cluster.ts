import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './serve-process.js';

// A scratch TLS-only PostgreSQL 15 cluster (Debian's binaries) with a CA and a server certificate
// made here by openssl for IP 127.0.0.1 only, plus a second, unrelated CA.

const BIN = process.env.ZDL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TlsCluster {
  port: number;
  /** The CA that signed the server certificate. */
  caFile: string;
  /** A CA that signed nothing the server has. */
  otherCaFile: string;
  stop(): Promise<void>;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

function makeCa(dir: string, name: string): void {
  openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
  );
}

export async function startTlsCluster(): Promise<TlsCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-tls-'));
  chmodSync(dir, 0o755);
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  openssl(
    dir,
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.pem',
  );
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
    for (const file of ['server.key', 'server.pem', 'ca.pem']) chownSync(path.join(dir, file), pgUid, pgGid);
  }
  chmodSync(path.join(dir, 'server.key'), 0o600);
  run('initdb', '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync');
  const port = await freePort();
  appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = 'localhost'",
      `unix_socket_directories = '${dir}'`,
      'ssl = on',
      `ssl_cert_file = '${path.join(dir, 'server.pem')}'`,
      `ssl_key_file = '${path.join(dir, 'server.key')}'`,
      'fsync = off',
      '',
    ].join('\n'),
  );
  // TLS only: no plain host line at all.
  writeFileSync(
    path.join(data, 'pg_hba.conf'),
    'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n',
  );
  run('pg_ctl', '-D', data, '-w', '-l', path.join(dir, 'log'), 'start');
  return {
    port,
    caFile: path.join(dir, 'ca.pem'),
    otherCaFile: path.join(dir, 'other-ca.pem'),
    async stop() {
      try {
        run('pg_ctl', '-D', data, '-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
