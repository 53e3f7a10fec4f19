import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startScratchCluster } from './scratch-cluster.js';

// A scratch TLS-only PostgreSQL 15 cluster (Debian's binaries) with a CA and a server certificate
// made here by openssl for IP 127.0.0.1 only, plus a second, unrelated CA.

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
  chmodSync(path.join(dir, 'server.key'), 0o600);
  const cluster = await startScratchCluster({
    dir,
    ownedFiles: ['server.key', 'server.pem', 'ca.pem'],
    conf: [
      'ssl = on',
      `ssl_cert_file = '${path.join(dir, 'server.pem')}'`,
      `ssl_key_file = '${path.join(dir, 'server.key')}'`,
    ],
    // TLS only: no plain host line at all.
    hba: 'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n',
  });
  return {
    port: cluster.port,
    caFile: path.join(dir, 'ca.pem'),
    otherCaFile: path.join(dir, 'other-ca.pem'),
    stop: () => cluster.stop(),
  };
}
