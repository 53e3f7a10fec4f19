import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectServer } from '../../src/db/client.js';
import { runCli } from '../support/cli.js';
import { startTlsCluster, type TlsCluster } from '../support/tls-cluster.js';

// libpq's sslmode / sslrootcert against a real TLS-only PostgreSQL 15 whose certificate names
// 127.0.0.1 only: the right CA, a wrong CA, a wrong host name.

let cluster: TlsCluster;
beforeAll(async () => {
  cluster = await startTlsCluster();
}, 120_000);
afterAll(() => cluster?.stop());

const url = (host: string, query: string) => `postgres://postgres@${host}:${cluster.port}/postgres?${query}`;

async function connect(databaseUrl: string): Promise<string> {
  const db = connectServer(databaseUrl, { max: 1 });
  try {
    const [row] = await db.transaction(
      (tx) => tx<{ ssl: boolean }[]>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`,
    );
    return row!.ssl ? 'tls' : 'plain';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await db.close();
  }
}

describe('TLS to PostgreSQL', () => {
  test('verify-full with the right CA connects (sslrootcert is not sent to the server)', async () => {
    expect(await connect(url('127.0.0.1', `sslmode=verify-full&sslrootcert=${cluster.caFile}`))).toBe('tls');
  });

  test('a wrong CA: « certificat du serveur non reconnu », naming the server', async () => {
    const message = await connect(url('127.0.0.1', `sslmode=verify-full&sslrootcert=${cluster.otherCaFile}`));
    expect(message).toBe(
      `Connexion TLS refusée (127.0.0.1:${cluster.port}/postgres) : certificat du serveur non reconnu (autorité inconnue)`,
    );
    expect(await connect(url('127.0.0.1', `sslmode=verify-ca&sslrootcert=${cluster.otherCaFile}`))).toContain(
      'certificat du serveur non reconnu',
    );
  });

  test('a wrong host name: verify-full refuses, verify-ca (chain only, like libpq) accepts', async () => {
    expect(await connect(url('localhost', `sslmode=verify-full&sslrootcert=${cluster.caFile}`))).toBe(
      `Connexion TLS refusée (localhost:${cluster.port}/postgres) : nom d’hôte différent du certificat`,
    );
    expect(await connect(url('localhost', `sslmode=verify-ca&sslrootcert=${cluster.caFile}`))).toBe('tls');
  });

  test('require authenticates nobody (any CA passes); no sslmode is refused by a TLS-only server', async () => {
    expect(await connect(url('localhost', 'sslmode=require'))).toBe('tls');
    expect(await connect(url('127.0.0.1', ''))).toContain('le serveur exige TLS');
  });

  test('the CLI: one French line, exit 1; a missing sslrootcert file is a configuration error, exit 2', async () => {
    const wrong = await runCli(['db', 'status'], {
      env: { DATABASE_URL: url('127.0.0.1', `sslmode=verify-full&sslrootcert=${cluster.otherCaFile}`) },
      cwd: process.cwd(),
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toEqual([
      `Erreur : Connexion TLS refusée (127.0.0.1:${cluster.port}/postgres) : certificat du serveur non reconnu (autorité inconnue)`,
    ]);
    const missing = await runCli(['db', 'status'], {
      env: { DATABASE_URL: url('127.0.0.1', 'sslmode=verify-full&sslrootcert=/nulle/part/ca.pem') },
      cwd: process.cwd(),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('sslrootcert=/nulle/part/ca.pem illisible (fichier introuvable)');
  });
});
