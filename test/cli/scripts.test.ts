import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// What a script reading JSON, and a command run in the wrong directory, meet.
const t = useTestDatabase();
const cli = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, { env: { ...t.env, ...env }, cwd: t.dir });

describe('scripts', () => {
  test('with --json an error is one JSON object on stderr', async () => {
    const missing = await cli(['persons', 'show', '999999', '--json']);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    const error = JSON.parse(missing.stderr);
    expect(Object.keys(error)).toEqual(['error']);
    expect(error.error.code).toMatch(/^[A-Z_]+$/);
    expect(error.error.message).toContain('introuvable');
    const usage = JSON.parse((await cli(['persons', 'add', '--prenom', 'Sans', '--json'])).stderr);
    expect(usage).toEqual({ error: { code: 'MISSING_OPTION', message: expect.stringContaining('--nom') } });
  });

  test('invites purge --json is one line with at, the same keys every time', async () => {
    const runs = [await cli(['invites', 'purge', '--json']), await cli(['invites', 'purge', '--json', '--dry-run'])];
    for (const run of runs) {
      expect(run.stdout.split('\n')).toHaveLength(2);
      const line = JSON.parse(run.stdout);
      expect(Object.keys(line)).toEqual(['at', 'purged', 'dry_run', 'ran', 'pending_activations']);
      expect(new Date(line.at).toISOString()).toBe(line.at);
    }
  });

  test('the audit actor is --as, else ZDL_ADMIN, else the OS user', async () => {
    await cli(['persons', 'add', '--nom', 'Acteur', '--prenom', 'Un', '--as', 'Léa']);
    await cli(['persons', 'add', '--nom', 'Acteur', '--prenom', 'Deux'], { ZDL_ADMIN: 'paul' });
    await cli(['persons', 'add', '--nom', 'Acteur', '--prenom', 'Trois']);
    const rows = await t.db.transaction(
      (tx) => tx`select a.actor from zdl.audit_log a join zdl.personnes p on p.id = a.personne_id
                 where p.nom = 'Acteur' and a.action = 'person.created' order by a.id`,
    );
    expect(rows.map((row) => row.actor)).toEqual(['cli:Léa', 'cli:paul', `cli:${os.userInfo().username}`]);
    const doctor = await cli(['doctor', '--json']);
    const admin = JSON.parse(doctor.stdout).checks.find((check: { name: string }) => check.name === 'admin');
    expect(admin.detail).toContain(os.userInfo().username);
  });
});

describe('which database?', () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'zdl-empty-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  test('read-only commands in a directory without a database say where they looked, exit 1, create nothing', async () => {
    for (const argv of [
      ['persons', 'list'],
      ['invites', 'list'],
      ['audit'],
      ['db', 'status'],
      ['mail', 'log'],
      ['persons', 'show', '1'],
    ]) {
      const result = await runCli(argv, { env: {}, cwd: empty });
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr).toContain(path.join(empty, '.zdl'));
      expect(result.stderr).toContain('ZDL_DATA_DIR');
      expect(result.stderr).toContain('DATABASE_URL');
    }
    const doctor = await runCli(['doctor'], { env: {}, cwd: empty });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('ZDL_DATA_DIR');
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(path.join(empty, '.zdl'))).toBe(false);
  });
});
