import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePersonInput } from '../../src/persons/person-input.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// Issue 11: bidi overrides/isolates and zero-width characters disguise names in admin tables
// (« Martin\u202Eeniram » reads reversed, « Zo\u200Bé » is not « Zoé »). Refused, naming the field.
const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

const DISGUISES = [
  ['right-to-left override', 'Martin\u202Eeniram', 'U+202E'],
  ['first-strong isolate', '\u2068Dupont\u2069', 'U+2068'],
  ['right-to-left mark', 'Dupont\u200F', 'U+200F'],
  ['zero-width space', 'Zo\u200Bé', 'U+200B'],
  ['zero-width joiner', 'Zo\u200Dé', 'U+200D'],
  ['word joiner', 'Zo\u2060é', 'U+2060'],
  ['zero-width no-break space', 'Zo\uFEFFé', 'U+FEFF'],
] as const;

describe('names refuse invisible and direction characters', () => {
  test.each(DISGUISES)('%s in nom or prénom', (_label, value, codePoint) => {
    expect(() => parsePersonInput({ nom: value, prenom: 'Zoé' })).toThrow(
      new RegExp(`nom : caractère invisible ou de sens d’écriture interdit \\(${codePoint.replace('+', '\\+')}\\)`),
    );
    expect(() => parsePersonInput({ nom: 'Martin', prenom: value })).toThrow(/prénom : caractère invisible/);
  });

  test('real names with accents, apostrophes, hyphens and other scripts still pass', () => {
    for (const nom of ['Lefèvre-Dubois', 'N’Diaye', "O'Brien", 'Đặng', 'Ørsted', 'Müller', 'محمد', '王']) {
      expect(parsePersonInput({ nom, prenom: 'Zoé' }).nom).toBe(nom);
    }
  });

  test('persons add refuses with the field named, exit 2, nothing written', async () => {
    const result = await cli('persons', 'add', '--nom', 'Martin\u202Eeniram', '--prenom', 'Zoé', '--no-input');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nom : caractère invisible ou de sens d’écriture interdit (U+202E)');
    const [row] = await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes`);
    expect(row!.n).toBe(0);
  });

  test('persons import names the line and the field', async () => {
    const file = path.join(t.dir, 'noms.csv');
    writeFileSync(file, 'nom,prenom,email\nDupont,Jean,jean@example.org\nMartin,Zo\u200Bé,zoe@example.org\n');
    const result = await cli('persons', 'import', file, '--dry-run', '--json');
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toMatch(
      /3[^\n]*prénom : caractère invisible ou de sens d’écriture interdit \(U\+200B\)/,
    );
  });
});
