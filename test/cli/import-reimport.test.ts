import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// Importing the same file twice is a normal thing to do: --on-existing skip|update|fail.

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });
let fileCount = 0;
function csv(content: string): string {
  const file = path.join(t.dir, `reimport-${++fileCount}.csv`);
  writeFileSync(file, content);
  return file;
}
const rows = async () =>
  t.db.transaction(
    (tx) => tx`select nom, prenom, telephone1, email, role from zdl.personnes where nom like 'Re%' order by id`,
  );
const invites = async () =>
  (await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.user_invites`))[0]!.n as number;

const FIRST =
  'nom;prenom;telephone1;email;role\n' +
  'Remy;Anne;;anne.re@example.org;employe\n' +
  'Renard;Luc;06 11 22 33 44;;\n' +
  'Reno;Zoé;;zoe.re@example.org;administrateur\n';

describe('persons import --on-existing', () => {
  test('fail (the default) refuses every row that is already a person, e-mail or nom+prénom+téléphone', async () => {
    expect((await cli('persons', 'import', csv(FIRST))).code).toBe(0);
    const again = await cli('persons', 'import', csv(`${FIRST}Rey;Nouveau;;;\n`), '--json');
    expect(again.code).toBe(2);
    const body = JSON.parse(again.stdout);
    expect(body).toMatchObject({ created: 0, updated: 0, skipped: 0, refused: 3 });
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4]);
    expect(again.stderr).toMatch(/ligne 3 : même nom, prénom et téléphone que la personne existante n°\d+/);
    expect(again.stderr).toContain('--on-existing skip ou update');
    expect(again.stderr).toContain('3 lignes refusées');
    expect(await rows()).toHaveLength(3);
  });

  test('skip: existing people untouched, new ones created and only they invited', async () => {
    const before = await invites();
    const file = csv(`${FIRST.replace('Remy;Anne', 'REMY;Anné')}Rey;Nouveau;;;\n`);
    const dry = await cli('persons', 'import', file, '--on-existing', 'skip', '--invite', '--dry-run', '--json');
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, created: 1, updated: 0, skipped: 3, refused: 0 });
    expect(await rows()).toHaveLength(3);

    const result = await cli('persons', 'import', file, '--on-existing', 'skip', '--invite');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 personne créée, 0 mise à jour, 3 ignorées (déjà présentes), 0 refusée.');
    expect(result.stdout).toContain('Nouveau');
    expect(result.stdout).not.toContain('Renard');
    expect(await invites()).toBe(before + 1);
    expect((await rows())[0]).toMatchObject({ nom: 'Remy', prenom: 'Anne' });
    expect(await rows()).toHaveLength(4);
  });

  test('update: non-blank cells replace the fields, blank cells erase nothing, identical rows are skipped', async () => {
    const file = csv(
      'nom;prenom;telephone1;email;role\n' +
        'Remy;Anne-Marie;;anne.re@example.org;\n' +
        'Renard;Luc;06 11 22 33 44;;\n' +
        'Reno;Zoé;;zoe.re@example.org;benevole\n',
    );
    const result = await cli('persons', 'import', file, '--on-existing', 'update', '--json');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ created: 0, updated: 2, skipped: 1, refused: 0 });
    expect(body.existing).toMatchObject([
      { line: 2, outcome: 'updated', fields: ['prenom'] },
      { line: 3, outcome: 'skipped', fields: [] },
      { line: 4, outcome: 'updated', fields: ['role'] },
    ]);
    const [anne, , zoe] = await rows();
    expect(anne).toMatchObject({ prenom: 'Anne-Marie', role: 'employe', email: 'anne.re@example.org' });
    expect(zoe).toMatchObject({ role: 'benevole' });
    const audit = JSON.parse((await cli('audit', '--person', String(body.existing[0].id), '--json')).stdout);
    expect(audit.map((a: { action: string }) => a.action)).toContain('person.updated');
  });

  test('still all or nothing: one bad row and no update is written', async () => {
    const file = csv('nom;prenom;email;role\nRemy;Annie;anne.re@example.org;\nRemy;Double;ANNE.RE@example.org;\n');
    const result = await cli('persons', 'import', file, '--on-existing', 'update');
    expect(result.code).toBe(2);
    expect((await rows())[0]).toMatchObject({ prenom: 'Anne-Marie' });
    const twice = await cli(
      'persons',
      'import',
      csv('nom;prenom;telephone1\nRenard;Luc;06 11 22 33 44\nrenard;luc;06 11 22 33 44\n'),
      '--on-existing',
      'skip',
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/ligne 3 : même personne existante \(n°\d+\) que la ligne 2/);
    expect((await cli('persons', 'import', csv(FIRST), '--on-existing', 'maybe')).stderr).toMatch(
      /--on-existing.*fail, skip, update/,
    );
  });
});
