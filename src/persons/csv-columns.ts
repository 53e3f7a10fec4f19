import { ZdlError } from '../errors.js';

// The header row as Excel users write it: any case, with or without accents, spaces, dots,
// dashes or underscores, and the usual French synonyms.

export const COLUMNS = ['nom', 'prenom', 'telephone1', 'telephone2', 'email', 'role'] as const;
export type Column = (typeof COLUMNS)[number];

const ALIASES: Record<string, Column> = {
  nom: 'nom',
  nomdefamille: 'nom',
  prenom: 'prenom',
  telephone1: 'telephone1',
  telephone: 'telephone1',
  tel1: 'telephone1',
  tel: 'telephone1',
  telephone2: 'telephone2',
  tel2: 'telephone2',
  email: 'email',
  mail: 'email',
  courriel: 'email',
  adressemail: 'email',
  adresseemail: 'email',
  role: 'role',
};

/** « Téléphone 1 » → telephone1, « E-mail » → email, « PRÉNOM » → prenom; unknown → null. */
export function columnOf(header: string): Column | null {
  const plain = header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s._\-'’]/gu, '');
  return ALIASES[plain] ?? null;
}

/** Where each known column is in the row; unknown columns are refused unless `ignoreUnknown`. */
export interface ColumnLayout {
  /** `columns[i]`: the field of cell i, or null for an ignored column. */
  columns: (Column | null)[];
  ignored: string[];
}

export function resolveColumns(
  header: string[],
  blankColumn: (index: number) => boolean,
  ignoreUnknown: boolean,
): ColumnLayout {
  const problems: string[] = [];
  const ignored: string[] = [];
  const seen = new Map<Column, string>();
  const columns = header.map((raw, index): Column | null => {
    const title = raw.trim();
    if (title === '' && blankColumn(index)) return null; // Excel's trailing ;;; with nothing under
    const column = columnOf(title);
    if (column === null) {
      const name = title === '' ? `sans titre (colonne ${index + 1})` : `« ${title} »`;
      if (ignoreUnknown) ignored.push(title || `colonne ${index + 1}`);
      else problems.push(`colonne inconnue ${name}`);
      return null;
    }
    const first = seen.get(column);
    if (first !== undefined) problems.push(`colonnes « ${first} » et « ${title} » en double`);
    seen.set(column, title);
    return column;
  });
  if (header.every((cell) => cell.trim() === '')) problems.push('fichier vide');
  else {
    for (const required of ['nom', 'prenom'] as const) {
      if (!seen.has(required)) problems.push(`colonne obligatoire absente « ${required} »`);
    }
  }
  if (problems.length > 0) {
    const hint = problems.some((p) => p.startsWith('colonne inconnue'))
      ? ' (--ignore-unknown-columns pour les ignorer)'
      : '';
    throw new ZdlError(
      'INVALID_CSV',
      'invalid',
      `En-tête CSV invalide (ligne 1) : ${problems.join(', ')}. Colonnes attendues : ${COLUMNS.join(', ')}${hint}.`,
    );
  }
  return { columns, ignored };
}
