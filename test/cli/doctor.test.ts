import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();

describe('doctor', () => {
  test('all checks pass on a migrated database with the local outbox', async () => {
    const result = await runCli(['doctor', '--json'], {
      env: { ...t.env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox') },
      cwd: t.dir,
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual([
      'config',
      'database',
      'migrations',
      'mail',
      'public_url',
      'google',
    ]);
    const human = await runCli(['doctor'], {
      env: { ...t.env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox') },
      cwd: t.dir,
    });
    expect(human.stdout).toMatch(/^✓ config/m);
  });

  test('each failing check is a ✗ and the exit code is 1', async () => {
    const readOnly = path.join(t.dir, 'read-only');
    mkdirSync(readOnly, { recursive: true });
    chmodSync(readOnly, 0o500);
    const env = {
      DATABASE_URL: 'postgres://zdl@127.0.0.1:1/zdl',
      ZDL_PUBLIC_URL: 'http://acces.zdl.example',
      ZDL_MAIL_OUTBOX: path.join(readOnly, 'outbox'),
    };
    const result = await runCli(['doctor', '--json'], { env, cwd: t.dir });
    expect(result.code).toBe(1);
    const failed = JSON.parse(result.stdout)
      .checks.filter((c: { ok: boolean }) => !c.ok)
      .map((c: { name: string }) => c.name);
    expect(failed).toContain('database');
    expect(failed).toContain('public_url');
    if (process.getuid?.() !== 0) expect(failed).toContain('mail'); // root writes anywhere
    const production = await runCli(['doctor', '--json'], { env: { ...t.env, NODE_ENV: 'production' }, cwd: t.dir });
    expect(JSON.parse(production.stdout).checks.find((c: { name: string }) => c.name === 'mail')).toMatchObject({
      ok: false,
    });
    const badConfig = await runCli(['doctor'], { env: { ZDL_PUBLIC_URL: 'nope' }, cwd: t.dir });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stdout).toMatch(/^✗ config/m);
  });
});
