import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeCsv } from '../../src/persons/decode-csv.js';
import { parsePersonsCsv } from '../../src/persons/parse-persons-csv.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();
const cli = (...argv: string[]) => runCli(argv, { env: t.env, cwd: t.dir });

const TEXT = 'nom;prénom;email\r\nLefèvre;Hélène;helene@example.org\r\nDurœ;Nœl;\r\nCôté;François;\r\n';

// Windows-1252 by hand: ASCII as is, the Latin-1 letters at their code point, œ at 0x9C.
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((char) => (char === 'œ' ? 0x9c : char.charCodeAt(0))).filter((b) => b < 256));
}
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

let fileCount = 0;
function file(bytes: Buffer): string {
  const name = path.join(t.dir, `enc-${++fileCount}.csv`);
  writeFileSync(name, bytes);
  return name;
}

async function names(): Promise<string[]> {
  const rows = await t.db.transaction(
    (tx) => tx<{ name: string }[]>`select prenom || ' ' || nom as name from zdl.personnes order by id`,
  );
  return rows.map((row) => row.name);
}

describe('decodeCsv', () => {
  test('each accepted encoding decodes to the same text and is named', () => {
    const cases: [Buffer, string, boolean][] = [
      [Buffer.from(TEXT, 'utf8'), 'utf-8', false],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8', true],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le', true],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf-16be', true],
      [windows1252(TEXT), 'windows-1252', false],
    ];
    for (const [bytes, encoding, bom] of cases) {
      expect(decodeCsv(bytes)).toEqual({ text: TEXT, encoding, bom });
    }
    expect(windows1252(TEXT).includes(0x9c)).toBe(true);
  });

  test('Excel’s « Texte Unicode »: UTF-16 LE with BOM, tab-separated', async () => {
    const tabs = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT.replaceAll(';', '\t'), 'utf16le')]);
    const { persons } = await parsePersonsCsv(decodeCsv(tabs).text);
    expect(persons.map((p) => `${p.input.prenom} ${p.input.nom}`)).toEqual([
      'Hélène Lefèvre',
      'Nœl Durœ',
      'François Côté',
    ]);
  });

  test('--encoding forces one: UTF-8 forced on a Windows-1252 file is refused at its line', () => {
    expect(decodeCsv(windows1252(TEXT), 'windows-1252').text).toBe(TEXT);
    expect(() => decodeCsv(windows1252(TEXT), 'utf-8')).toThrow(/ligne 1 : octets invalides en UTF-8/);
    expect(decodeCsv(Buffer.from(TEXT, 'utf16le'), 'utf-16')).toMatchObject({ text: TEXT, encoding: 'utf-16le' });
  });

  test('no U+FFFD ever: a mangled file, an undefined 1252 byte, UTF-16 without BOM are refused with the line', () => {
    expect(() => decodeCsv(Buffer.from('nom;prenom\nH\uFFFDl\uFFFDne;X\n'))).toThrow(
      /ligne 2 : caractère de remplacement/,
    );
    expect(() => decodeCsv(Buffer.from([...Buffer.from('nom;prenom\nA;B\nC'), 0x81, 0xe9, 0x0a]))).toThrow(
      /ligne 3 : caractère de contrôle U\+0081 \(octet non défini en Windows-1252\)/,
    );
    expect(() => decodeCsv(Buffer.from('nom;prenom\n', 'utf16le'))).toThrow(/ligne 1 : octet nul/);
    const loneSurrogate = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\nb\n', 'utf16le'),
      Buffer.from([0x00, 0xd8, 0x41, 0x00]),
    ]);
    expect(() => decodeCsv(loneSurrogate)).toThrow(/ligne 3 : octets invalides en UTF-16 LE/);
  });
});

describe('persons import of real files', () => {
  test('a French Excel (Windows-1252) file: accents kept, encoding said on stderr and in --json', async () => {
    const dry = await cli('persons', 'import', file(windows1252(TEXT)), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('Encodage lu : Windows-1252');
    const result = await cli('persons', 'import', file(windows1252(TEXT)), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ encoding: 'windows-1252', imported: 3 });
    expect(await names()).toEqual(['Hélène Lefèvre', 'Nœl Durœ', 'François Côté']);
  });

  test('UTF-16 LE and BE with BOM', async () => {
    const variant = (n: number) => TEXT.replace('helene@', `h${n}@`).replaceAll(/Durœ|Côté/g, (name) => `${name}${n}`);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(variant(1), 'utf16le')]);
    expect(JSON.parse((await cli('persons', 'import', file(le), '--json')).stdout)).toMatchObject({
      encoding: 'utf-16le',
      imported: 3,
    });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(variant(2))]);
    expect(JSON.parse((await cli('persons', 'import', file(be), '--json')).stdout)).toMatchObject({
      encoding: 'utf-16be',
      imported: 3,
    });
    expect((await names()).slice(-3)).toEqual(['Hélène Lefèvre', 'Nœl Durœ2', 'François Côté2']);
  });

  test('an unreadable file is refused with its line, nothing stored', async () => {
    const before = (await names()).length;
    const result = await cli('persons', 'import', file(windows1252(TEXT)), '--encoding', 'utf-8');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ligne 1 : octets invalides en UTF-8/);
    const bad = await cli('persons', 'import', file(Buffer.from('nom;prenom\nH\uFFFDl\uFFFDne;X\n')));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ligne 2 : caractère de remplacement U\+FFFD/);
    expect(await names()).toHaveLength(before);
    const wrong = await cli('persons', 'import', file(Buffer.from(TEXT)), '--encoding', 'latin9');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--encoding.*utf-8, utf-16, windows-1252/);
  });
});
