import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });
let fileCount = 0;

function csv(content: string): string {
  const file = path.join(t.dir, `import-${++fileCount}.csv`);
  writeFileSync(file, content);
  return file;
}

async function countPersons(): Promise<number> {
  const [row] = await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes`);
  return row!.n;
}

describe('persons import', () => {
  test('imports a ;-separated UTF-8 file with BOM and quoted fields in one go', async () => {
    const file = csv(
      '\uFEFFnom;prénom;telephone1;telephone2;email;role\r\n' +
        'Dupont;Jean;01 02 03 04 05;;jean.dupont@example.org;bénévole\r\n' +
        '"Le Gall; dit ""Yann""";Yannick;;;;employé\r\n',
    );
    const result = await cli('persons', 'import', file, '--json');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.imported).toBe(2);
    expect(body.persons[1]).toMatchObject({
      line: 3,
      nom: 'Le Gall; dit "Yann"',
      prenom: 'Yannick',
      role: 'employe',
      invite: null,
    });
  });

  test('any bad row: every bad row reported with its line, nothing imported, exit 2', async () => {
    const before = await countPersons();
    const file = csv(
      'nom,prenom,email,role\nBon,Ligne,bon@example.org,benevole\n,SansNom,,\nMauvais,Role,,chef\nDouble,Un,double@example.org,\nDouble,Deux,DOUBLE@example.org,\n',
    );
    const result = await cli('persons', 'import', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ligne 3 : nom : obligatoire/);
    expect(result.stderr).toMatch(/ligne 4 : rôle : inconnu/);
    expect(result.stderr).toMatch(/ligne 6 : e-mail DOUBLE@example.org déjà présent ligne 5/);
    expect(result.stderr).not.toMatch(/ligne 2 /);
    expect(await countPersons()).toBe(before);
    const json = await cli('persons', 'import', file, '--json');
    expect(JSON.parse(json.stdout).errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 6]);
  });

  test('an e-mail that already exists in the database is a bad row too', async () => {
    await cli('persons', 'add', '--nom', 'Existant', '--prenom', 'Déjà', '--email', 'deja@example.org');
    const before = await countPersons();
    const result = await cli(
      'persons',
      'import',
      csv('nom,prenom,email\nNouveau,Un,nouveau@example.org\nAutre,Deux,Deja@Example.org\n'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ligne 3 : e-mail Deja@Example.org déjà utilisé/);
    expect(await countPersons()).toBe(before);
  });

  test('--dry-run validates and writes nothing', async () => {
    const before = await countPersons();
    const result = await cli('persons', 'import', csv('nom,prenom\nA,B\nC,D\n'), '--dry-run', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dry_run: true, valid: 2 });
    expect(await countPersons()).toBe(before);
  });

  test('--invite creates one invitation per row, each code shown once in the output', async () => {
    const result = await cli(
      'persons',
      'import',
      csv('nom,prenom,email\nInv,Un,inv1@example.org\nInv,Deux,inv2@example.org\n'),
      '--invite',
      '--json',
    );
    expect(result.code).toBe(0);
    const { persons } = JSON.parse(result.stdout);
    expect(persons).toHaveLength(2);
    for (const p of persons) expect(p.invite.code).toMatch(/^ZDL-\w{6}-\w{5}$/);
    const list = JSON.parse((await cli('persons', 'list', '--search', 'inv', '--json')).stdout);
    expect(list.filter((p: { access: string }) => p.access === 'invited')).toHaveLength(2);
    const audit = JSON.parse((await cli('audit', '--person', String(persons[0].id), '--json')).stdout);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['invite.issued', 'person.created']);
  });

  test('bad header, unreadable file and malformed CSV are clear errors', async () => {
    const header = await cli('persons', 'import', csv('name,prenom\nA,B\n'));
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('colonne inconnue « name »');
    const missing = await cli('persons', 'import', path.join(t.dir, 'absent.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('fichier introuvable');
    const malformed = await cli('persons', 'import', csv('nom,prenom\n"A,B\n'));
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('CSV illisible');
  });

  test('a large file imports in one transaction', async () => {
    const before = await countPersons();
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `Nom${i},Prénom${i},+33 6 00 00 ${String(i).padStart(4, '0')},,p${i}@bulk.example.org,benevole`,
    );
    const result = await cli(
      'persons',
      'import',
      csv(`nom,prenom,telephone1,telephone2,email,role\n${rows.join('\n')}\n`),
      '--invite',
      '--json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).imported).toBe(3000);
    expect(await countPersons()).toBe(before + 3000);
  });
});
