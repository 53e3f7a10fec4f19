import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { columnOf } from '../../src/persons/csv-columns.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// What Excel leaves in a file: empty rows, blank lines, spaces and non-breaking spaces, headers
// typed by people, an extra column.

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });
let fileCount = 0;
function csv(content: string): string {
  const file = path.join(t.dir, `leftovers-${++fileCount}.csv`);
  writeFileSync(file, content);
  return file;
}

async function person(email: string) {
  const [row] = await t.db.transaction(
    (tx) => tx`select nom, prenom, email, role from zdl.personnes where email = ${email}`,
  );
  return row;
}

describe('Excel leftovers in persons import', () => {
  test('headers in any case, with or without accents, and the usual aliases', () => {
    const cases: [string, string | null][] = [
      ['Prénom', 'prenom'],
      ['PRENOM', 'prenom'],
      ['PRÉNOM ', 'prenom'],
      ['Téléphone 1', 'telephone1'],
      ['Tel1', 'telephone1'],
      ['Tél. 2', 'telephone2'],
      ['Mail', 'email'],
      ['Courriel', 'email'],
      ['E-mail', 'email'],
      ['Adresse e-mail', 'email'],
      ['Rôle', 'role'],
      ['NOM', 'nom'],
      ['Name', null],
    ];
    for (const [header, column] of cases) expect([header, columnOf(header)]).toEqual([header, column]);
  });

  test('empty rows, blank lines, (non-breaking) spaces and a typed header import cleanly', async () => {
    const file = csv(
      'NOM ; Prénom ;Téléphone 1;Tel2;Courriel;Rôle;;\r\n' +
        '  Lefèvre\u00A0 ;\u00A0Hélène ;;;  helene.leftover@example.org ; Employé ;;\r\n' +
        '\r\n' +
        ';;;;;;;\r\n' +
        'Jean\u00A0Pierre;Paul;;;paul.leftover@example.org;;;\r\n' +
        ';;;;;;;\r\n;;;;;;;\r\n',
    );
    const result = await cli('persons', 'import', file, '--json');
    expect(result.stderr).toBe('Encodage lu : UTF-8 (détecté).\n');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 2, created: 2 });
    expect(await person('helene.leftover@example.org')).toEqual({
      nom: 'Lefèvre',
      prenom: 'Hélène',
      email: 'helene.leftover@example.org',
      role: 'employe',
    });
    expect(await person('paul.leftover@example.org')).toMatchObject({ nom: 'Jean Pierre', role: 'benevole' });
  });

  test('an unknown column is refused by its name, unless --ignore-unknown-columns', async () => {
    const file = csv('Nom;Prénom;Date de naissance;Mail\nMartin;Léa;01/02/2003;lea.extra@example.org\n');
    const refused = await cli('persons', 'import', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('colonne inconnue « Date de naissance »');
    expect(refused.stderr).toContain('--ignore-unknown-columns');
    expect(await person('lea.extra@example.org')).toBeUndefined();

    const ignored = await cli('persons', 'import', file, '--ignore-unknown-columns');
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain('Colonnes ignorées (--ignore-unknown-columns) : Date de naissance.');
    expect(await person('lea.extra@example.org')).toMatchObject({ nom: 'Martin', prenom: 'Léa' });
  });

  test('a column named twice, or a filled cell beyond the header, is refused', async () => {
    const twice = await cli('persons', 'import', csv('nom;prenom;Mail;Courriel\nA;B;a@example.org;b@example.org\n'));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('colonnes « Mail » et « Courriel » en double');
    const beyond = await cli('persons', 'import', csv('nom;prenom\nA;B;;\nC;D;en trop\n'));
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toMatch(/ligne 3 : 3 colonnes remplies/);
    expect(beyond.stderr).not.toMatch(/ligne 2 /);
  });
});
