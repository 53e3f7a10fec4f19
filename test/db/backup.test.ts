import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyPassword, hashPassword } from '../../src/auth/password-hash.js';
import { connectEmbeddedDatabase, type Database } from '../../src/db/client.js';
import { resolveEmbeddedPaths } from '../../src/db/embedded-host.js';
import { runCli } from '../support/cli.js';
import { seedEmbeddedDataDir, testDatabaseKind, useTestDatabase } from '../support/database.js';
import { createActiveAccount, GOOD_PASSWORD, uniqueEmail } from '../support/http.js';
import { readAllRows } from '../support/table-rows.js';

// Backups of whichever database the suite runs on (embedded, or the PostgreSQL 15 server),
// restored into a fresh embedded database: server → embedded and embedded → embedded.
const t = useTestDatabase();
const cli = (argv: string[], env: Record<string, string> = t.env) => runCli(argv, { env, cwd: t.dir });
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

async function freshEmbedded(): Promise<{ env: Record<string, string>; open: () => Database }> {
  const dataDir = path.join(mkdtempSync(path.join(t.dir, 'restore-')), 'data');
  // Migrated and empty: a copy of the suite's template on the embedded run; on the server run,
  // which has no template, zdl creates and migrates it on first use (a minute under load).
  if (testDatabaseKind === 'embedded') await seedEmbeddedDataDir(dataDir);
  else expect((await cli(['db', 'migrate'], { ZDL_DATA_DIR: dataDir })).code).toBe(0);
  return {
    env: { ZDL_DATA_DIR: dataDir },
    open: () => {
      const db = connectEmbeddedDatabase(resolveEmbeddedPaths(dataDir));
      opened.push(db);
      return db;
    },
  };
}

async function seedData(): Promise<{ email: string }> {
  const add = async (...extra: string[]) =>
    JSON.parse((await cli(['persons', 'add', '--nom', 'Sauvegarde', '--prenom', 'Test', ...extra, '--json'])).stdout);
  await add('--invite');
  const gone = await add('--email', uniqueEmail('parti'), '--invite');
  // The highest id deleted: the restored identity must not hand it out again (the audit log names it).
  expect((await cli(['persons', 'delete', String(gone.person.id), '--yes'])).code).toBe(0);
  const email = uniqueEmail('compte');
  const active = await createActiveAccount(t.db, new Date(), email, await hashPassword(GOOD_PASSWORD));
  const reset = await cli(['reset', 'send', String(active.personId)]);
  expect(reset.stderr).toContain('réinitialisation');
  expect(reset.code).toBe(0);
  return { email };
}

describe('zdl db backup / restore', () => {
  test(`a ${testDatabaseKind} backup restores into a fresh embedded database with every row, identities continued`, async () => {
    const { email } = await seedData();
    const file = path.join(t.dir, 'nightly.zdl.gz');
    const backup = await cli(['db', 'backup', file, '--json']);
    expect(backup.stderr).toContain('Sauvegarde');
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const summary = JSON.parse(backup.stdout);
    expect(summary.database).toBe(t.db.kind);
    expect(summary.migrations).toContain('001');

    const [header] = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    expect(JSON.parse(header!)).toMatchObject({ format: 'zdl-backup', version: 1, source: { kind: t.db.kind } });

    const again = await cli(['db', 'backup', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await cli(['db', 'backup', file, '--force'])).code).toBe(0);

    const target = await freshEmbedded();
    const restored = await cli(['db', 'restore', file, '--json'], target.env);
    expect(restored.stderr).toContain('restaurée');
    expect(restored.code).toBe(0);
    const source = await readAllRows(t.db);
    expect(source.audit_log!.length).toBeGreaterThan(4);
    expect(source.password_resets).toHaveLength(1);
    const copy = target.open();
    expect(await readAllRows(copy)).toEqual(source);

    const [account] = await copy.transaction((tx) => tx`select password_hash from zdl.accounts where email = ${email}`);
    expect(await verifyPassword(account!.password_hash, GOOD_PASSWORD)).toBe(true);
    const [maxIds] = await t.db.transaction(
      (tx) =>
        tx`select (select max(personne_id) from zdl.audit_log) as person, (select max(id) from zdl.audit_log) as audit`,
    );
    await copy.close();
    opened.pop();
    const next = JSON.parse(
      (await cli(['persons', 'add', '--nom', 'Après', '--prenom', 'Restauration', '--json'], target.env)).stdout,
    );
    expect(next.person.id).toBeGreaterThan(maxIds!.person);
    const reopened = target.open();
    const [audit] = await reopened.transaction(
      (tx) => tx`select min(id) as id from zdl.audit_log where personne_id = ${next.person.id}`,
    );
    expect(audit!.id).toBeGreaterThan(maxIds!.audit);
  }, 300_000); // a dozen CLI runs and two fresh embedded databases (creating one costs a minute under load)

  test('restore refuses a non-empty database and changes nothing; --force --yes replaces it', async () => {
    const file = path.join(t.dir, 'refused.zdl.gz');
    await cli(['persons', 'add', '--nom', 'Avant', '--prenom', 'Force', '--json']);
    expect((await cli(['db', 'backup', file])).code).toBe(0);
    const before = await readAllRows(t.db);

    const refused = await cli(['db', 'restore', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("n'est pas vide");
    expect(await readAllRows(t.db)).toEqual(before);
    const unconfirmed = await cli(['db', 'restore', file, '--force']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');

    await cli(['persons', 'add', '--nom', 'Après', '--prenom', 'Sauvegarde']);
    expect(await readAllRows(t.db)).not.toEqual(before);
    const forced = await cli(['db', 'restore', file, '--force', '--yes']);
    expect(forced.stderr).toContain('restaurée');
    expect(forced.code).toBe(0);
    expect(await readAllRows(t.db)).toEqual(before);
  }, 120_000); // six CLI runs on a loaded machine

  test('a truncated, corrupt or foreign file is refused and nothing is written', async () => {
    const file = path.join(t.dir, 'whole.zdl.gz');
    expect((await cli(['db', 'backup', file])).code).toBe(0);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const target = await freshEmbedded();
    const cases = {
      'truncated.gz': gzipSync(`${lines.slice(0, -1).join('\n')}\n`),
      'corrupt.gz': readFileSync(file).subarray(0, 40),
      'foreign.gz': gzipSync('{"hello":"world"}\n'),
    };
    for (const [name, content] of Object.entries(cases)) {
      writeFileSync(path.join(t.dir, name), content);
      const result = await cli(['db', 'restore', path.join(t.dir, name)], target.env);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain('Sauvegarde illisible');
    }
    expect((await cli(['db', 'restore', path.join(t.dir, 'absent.gz')], target.env)).code).toBe(3);
    const rows = await readAllRows(target.open());
    expect(Object.values(rows).flat()).toEqual([]);
  }, 120_000); // a fresh embedded database and five CLI runs
});
