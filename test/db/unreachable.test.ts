import { describe, expect, test } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';

const cwd = process.cwd();

describe('unreachable database', () => {
  test('one French line naming host:port and the cause, exit 1, no stack trace', async () => {
    const result = await spawnCli(['persons', 'list'], {
      env: { DATABASE_URL: 'postgres://zdl@127.0.0.1:1/zdl' },
      cwd,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'Erreur : Base de données injoignable (127.0.0.1:1/zdl) : connexion refusée',
    ]);
  });

  test('--debug shows the underlying error', async () => {
    const result = await runCli(['persons', 'list', '--debug'], {
      env: { DATABASE_URL: 'postgres://zdl@127.0.0.1:1/zdl' },
      cwd,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ECONNREFUSED');
  });
});

describe('bad configuration', () => {
  test('lists every bad variable and why, exit 2', async () => {
    const result = await runCli(['persons', 'list'], {
      env: { DATABASE_URL: 'mysql://x', ZDL_PUBLIC_URL: 'pas une url', ZDL_TRUST_PROXY: 'peut-être' },
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Configuration invalide');
    for (const name of ['DATABASE_URL', 'ZDL_PUBLIC_URL', 'ZDL_TRUST_PROXY']) expect(result.stderr).toContain(name);
  });

  test('usage errors are French and exit 2', async () => {
    const unknown = await runCli(['persons', 'frobnicate'], { env: {}, cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('commande inconnue');
    const option = await runCli(['persons', 'list', '--colour'], { env: {}, cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('option inconnue --colour');
  });

  test('--help and --version exit 0 on stdout', async () => {
    const help = await runCli(['--help'], { env: {}, cwd });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('persons');
    expect(help.stdout).toMatch(/^Utilisation : zdl/);
    expect(help.stdout).toContain('Commandes :');
    const version = await runCli(['--version'], { env: {}, cwd });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
