import { parse } from 'csv-parse/sync';
import { ZdlError } from '../errors.js';
import { describeIssues, personInputSchema, type PersonInput } from './person-input.js';

export interface CsvPerson {
  line: number;
  input: PersonInput;
}

export interface CsvRowError {
  line: number;
  reason: string;
}

const COLUMNS = ['nom', 'prenom', 'telephone1', 'telephone2', 'email', 'role'] as const;
const ALIASES: Record<string, (typeof COLUMNS)[number]> = {
  tel1: 'telephone1',
  tel2: 'telephone2',
  mail: 'email',
  'e-mail': 'email',
};

function normalizeHeader(header: string): string {
  const plain = header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '');
  return ALIASES[plain] ?? plain;
}

function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function readRecords(text: string): { header: string[]; records: { line: number; cells: string[] }[] } {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as { record: string[]; info: { lines: number } }[];
    const [header, ...records] = rows;
    return {
      header: header?.record ?? [],
      records: records.map((row) => ({ line: row.info.lines, cells: row.record })),
    };
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new ZdlError(
      'INVALID_CSV',
      'invalid',
      `Fichier CSV illisible${lines ? ` (ligne ${lines})` : ''} : ${message}`,
    );
  }
}

/**
 * Parses and validates every row before anything is written: the caller gets either all rows
 * or every bad row with its line number and reason.
 */
export function parsePersonsCsv(text: string): { persons: CsvPerson[]; errors: CsvRowError[] } {
  const { header, records } = readRecords(text);
  const columns = header.map(normalizeHeader);
  const unknown = columns.filter((column) => !(COLUMNS as readonly string[]).includes(column));
  const missing = ['nom', 'prenom'].filter((column) => !columns.includes(column));
  if (header.length === 0 || unknown.length > 0 || missing.length > 0) {
    const problems = [
      ...(header.length === 0 ? ['fichier vide'] : []),
      ...unknown.map((column) => `colonne inconnue « ${column} »`),
      ...missing.map((column) => `colonne obligatoire absente « ${column} »`),
    ];
    throw new ZdlError(
      'INVALID_CSV',
      'invalid',
      `En-tête CSV invalide (ligne 1) : ${problems.join(', ')}. Colonnes attendues : ${COLUMNS.join(', ')}.`,
    );
  }

  const persons: CsvPerson[] = [];
  const errors: CsvRowError[] = [];
  const emailLines = new Map<string, number>();
  for (const { line, cells } of records) {
    if (cells.length > columns.length) {
      errors.push({ line, reason: `${cells.length} colonnes au lieu de ${columns.length}` });
      continue;
    }
    const raw = Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
    const result = personInputSchema.safeParse(raw);
    if (!result.success) {
      errors.push({ line, reason: describeIssues(result.error).join(' ; ') });
      continue;
    }
    const email = result.data.email?.toLowerCase();
    if (email) {
      const first = emailLines.get(email);
      if (first !== undefined) {
        errors.push({ line, reason: `e-mail ${result.data.email} déjà présent ligne ${first}` });
        continue;
      }
      emailLines.set(email, line);
    }
    persons.push({ line, input: result.data });
  }
  return { persons, errors };
}
