import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatPhone, isStoredPhone, toE164 } from '../../src/persons/phone.js';
import { countUnparsedPhones } from '../../src/persons/unparsed-phones.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

const TYPED: [string, string][] = [
  ['06 12 34 56 78', '+33612345678'],
  ['06.12.34.56.78', '+33612345678'],
  ['+33 6 12 34 56 78', '+33612345678'],
  ['0033 6 12 34 56 78', '+33612345678'],
  ['+33 (0)6 12 34 56 78', '+33612345678'],
  ['01-23-45-67-89', '+33123456789'],
  ['+262 692 12 34 56', '+262692123456'],
  ['0692 12 34 56', '+262692123456'],
  ['0590 12 34 56', '+590590123456'],
  ['0696 12 34 56', '+596696123456'],
];
// Numbers that cannot exist: too short, an unassigned range, letters.
const IMPOSSIBLE = ['12', '06 12 34 56', '07 00 12 34 56', 'pas de téléphone'];

describe('phone numbers', () => {
  test('typed as people type them, stored in E.164, shown in French national format', () => {
    for (const [typed, e164] of TYPED) expect([typed, toE164(typed)]).toEqual([typed, e164]);
    for (const typed of IMPOSSIBLE) expect([typed, toE164(typed)]).toEqual([typed, null]);
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+262692123456')).toBe('+262 692 12 34 56');
    expect(formatPhone('06-12 kept as typed')).toBe('06-12 kept as typed');
  });

  test('migration 008 rewrites what it can read as the app would, keeps the rest as typed', async () => {
    const foreign = ['+44 20 7946 0958', '0639 01 23 45', '+33 7 00 12 34 56', '12', 'bureau'];
    for (const typed of [...TYPED.map(([typed]) => typed), ...IMPOSSIBLE, ...foreign]) {
      const [row] = await t.db.transaction((tx) => tx<{ out: string }[]>`select zdl.phone_e164(${typed}) as out`);
      const app = toE164(typed);
      // Either exactly what the app stores, or untouched (and then counted for zdl doctor).
      expect([typed, row!.out === typed || row!.out === app]).toEqual([typed, true]);
      if (row!.out !== typed) expect(isStoredPhone(row!.out)).toBe(true);
    }
    for (const [typed, e164] of TYPED.slice(0, 8)) {
      const [row] = await t.db.transaction((tx) => tx<{ out: string }[]>`select zdl.phone_e164(${typed}) as out`);
      expect([typed, row!.out]).toEqual([typed, e164]);
    }

    // The migration's own UPDATE, on rows written as earlier versions did (bypassing the app).
    const update = /update zdl\.personnes[\s\S]*?;/.exec(readFileSync('sql/008_phones_search.sql', 'utf8'))![0];
    const before = await t.db.transaction((tx) => countUnparsedPhones(tx));
    await t.db.transaction(async (tx) => {
      await tx`insert into zdl.personnes (nom, prenom, telephone1, telephone2)
        values ('Ancien', 'Un', '06.12.34.56.78', '+44 20 7946 0958'), ('Ancien', 'Deux', 'bureau', null)`;
      await tx.unsafe(update);
    });
    const rows = await t.db.transaction(
      (tx) => tx`select telephone1, telephone2 from zdl.personnes where nom = 'Ancien' order by id`,
    );
    expect(rows).toEqual([
      { telephone1: '+33612345678', telephone2: '+44 20 7946 0958' },
      { telephone1: 'bureau', telephone2: null },
    ]);
    expect(await t.db.transaction((tx) => countUnparsedPhones(tx))).toBe(before + 2);
  });

  test('persons add/edit store E.164; an impossible number names its flag; tables show 06 12 34 56 78', async () => {
    const added = await cli('persons', 'add', '--nom', 'Tel', '--prenom', 'Ana', '--tel1', '06.12.34.56.78', '--json');
    expect(JSON.parse(added.stdout).person.telephone1).toBe('+33612345678');
    const id = String(JSON.parse(added.stdout).person.id);
    const edited = await cli('persons', 'edit', id, '--tel2', '+262 692 12 34 56', '--json');
    expect(JSON.parse(edited.stdout).telephone2).toBe('+262692123456');
    const show = await cli('persons', 'show', id);
    expect(show.stdout).toContain('Téléphones  : 06 12 34 56 78, +262 692 12 34 56');
    const list = await cli('persons', 'list', '--search', 'Ana');
    expect(list.stdout).toContain('06 12 34 56 78');

    const bad = await cli('persons', 'add', '--nom', 'Tel', '--prenom', 'Bad', '--tel1', '06 12 34 56');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('téléphone 1 (--tel1) : numéro impossible « 06 12 34 56 »');
    const badEdit = await cli('persons', 'edit', id, '--tel2', '12');
    expect(badEdit.stderr).toContain('téléphone 2 (--tel2) : numéro impossible « 12 »');
  });

  test('a CSV row with an impossible number is refused with its line and column', async () => {
    const file = path.join(t.dir, 'phones.csv');
    writeFileSync(file, 'nom;prenom;Tel1;Tel2\nCsv;Un;0033 6 12 34 56 78;\nCsv;Deux;;07 00 12 34 56\n');
    const result = await cli('persons', 'import', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ligne 3 : téléphone 2 : numéro impossible « 07 00 12 34 56 »');
    expect(result.stderr).not.toMatch(/ligne 2 /);
  });
});
