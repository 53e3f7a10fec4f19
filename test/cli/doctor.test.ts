import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
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
      'phones',
      'pooler',
      'mail',
      'mailersend_key',
      'sender',
      'public_url',
      'google',
      'trust_proxy',
      'app_url',
      'contact',
      'admin',
    ]);
    const human = await runCli(['doctor'], {
      env: { ...t.env, ZDL_MAIL_OUTBOX: path.join(t.dir, 'outbox') },
      cwd: t.dir,
    });
    expect(human.stdout).toMatch(/^✓ config/m);
  });

  const failedChecks = (stdout: string): string[] =>
    JSON.parse(stdout)
      .checks.filter((c: { ok: boolean }) => !c.ok)
      .map((c: { name: string }) => c.name);

  test('an unreachable database and a plain-http public URL are ✗ checks, exit code 1', async () => {
    const env = { DATABASE_URL: 'postgres://zdl@127.0.0.1:1/zdl', ZDL_PUBLIC_URL: 'http://acces.zdl.example' };
    const result = await runCli(['doctor', '--json'], { env, cwd: t.dir });
    expect(result.code).toBe(1);
    const failed = failedChecks(result.stdout);
    expect(failed).toContain('database');
    expect(failed).toContain('public_url');
  });

  test('an outbox that cannot be created is a ✗ mail check, for root too', async () => {
    // Under a regular file no one, not even root (as in CI), can create a directory (ENOTDIR).
    const notADirectory = path.join(t.dir, 'not-a-directory');
    writeFileSync(notADirectory, '');
    const env = { ...t.env, ZDL_MAIL_OUTBOX: path.join(notADirectory, 'outbox') };
    const result = await runCli(['doctor', '--json'], { env, cwd: t.dir });
    expect(result.code).toBe(1);
    expect(failedChecks(result.stdout)).toEqual(['mail']);
    const mail = JSON.parse(result.stdout).checks.find((c: { name: string }) => c.name === 'mail');
    expect(mail.detail).toContain('non inscriptible');

    const readOnly = path.join(t.dir, 'read-only');
    mkdirSync(readOnly, { recursive: true });
    chmodSync(readOnly, 0o500);
    const readOnlyEnv = { ...t.env, ZDL_MAIL_OUTBOX: path.join(readOnly, 'outbox') };
    const readOnlyResult = await runCli(['doctor', '--json'], { env: readOnlyEnv, cwd: t.dir });
    // Permission bits do not stop root, who writes anywhere: the file above is what stops root.
    if (process.getuid?.() !== 0) expect(failedChecks(readOnlyResult.stdout)).toContain('mail');
  });

  test('production without a MailerSend key is a ✗ mail check', async () => {
    const production = await runCli(['doctor', '--json'], { env: { ...t.env, NODE_ENV: 'production' }, cwd: t.dir });
    expect(JSON.parse(production.stdout).checks.find((c: { name: string }) => c.name === 'mail')).toMatchObject({
      ok: false,
    });
  });

  test('an invalid configuration is a ✗ config line, exit code 2 as for every command', async () => {
    const badConfig = await runCli(['doctor'], { env: { ZDL_PUBLIC_URL: 'nope' }, cwd: t.dir });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stdout).toMatch(/^✗ config/m);
  });
});
