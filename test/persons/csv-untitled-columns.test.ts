import { describe, expect, test } from 'vitest';
import { isZdlError } from '../../src/errors.js';
import { parsePersonsCsv } from '../../src/persons/parse-persons-csv.js';

// The header is read before the rows, but an untitled column is only known to be Excel's empty
// trailing `;;;` once every row was read: filled anywhere, it is an unknown column.

async function headerError(csv: string): Promise<string> {
  try {
    await parsePersonsCsv(csv);
  } catch (error) {
    if (isZdlError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a header error');
}

describe('untitled columns', () => {
  test('empty under an untitled header cell: ignored silently', async () => {
    const parsed = await parsePersonsCsv('nom;prenom;;\nDurand;Camille;;\nMartin;Léa;;\n');
    expect(parsed.persons.map((p) => p.input.prenom)).toEqual(['Camille', 'Léa']);
    expect(parsed.ignoredColumns).toEqual([]);
  });

  test('filled on the last row only: refused as an unknown column, or ignored by name', async () => {
    const csv = 'nom;prenom;\nDurand;Camille;\nMartin;Léa;note\n';
    expect(await headerError(csv)).toBe(
      'En-tête CSV invalide (ligne 1) : colonne inconnue sans titre (colonne 3). Colonnes attendues : nom, prenom, telephone1, telephone2, email, role (--ignore-unknown-columns pour les ignorer).',
    );
    const parsed = await parsePersonsCsv(csv, { ignoreUnknownColumns: true });
    expect(parsed.persons.map((p) => [p.line, p.input.prenom, p.given])).toEqual([
      [2, 'Camille', ['nom', 'prenom']],
      [3, 'Léa', ['nom', 'prenom']],
    ]);
    expect(parsed.ignoredColumns).toEqual(['colonne 3']);
  });

  test('a bad header is reported whole, with what the rows tell of its untitled columns', async () => {
    expect(await headerError('nom;;age\n;x;;\n')).toBe(
      'En-tête CSV invalide (ligne 1) : colonne inconnue sans titre (colonne 2), colonne inconnue « age », colonne obligatoire absente « prenom ». Colonnes attendues : nom, prenom, telephone1, telephone2, email, role (--ignore-unknown-columns pour les ignorer).',
    );
    expect(await headerError('')).toContain('fichier vide');
  });
});
