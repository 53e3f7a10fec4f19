import { parse } from 'csv-parse/sync';
import { ZdlError } from '../errors.js';
import { type Column, resolveColumns } from './csv-columns.js';
import { describeIssues, personInputSchema, type PersonInput } from './person-input.js';

export interface CsvPerson {
  line: number;
  input: PersonInput;
  /** The fields whose cell was not blank: a re-import only updates those. */
  given: Column[];
}

export interface CsvRowError {
  line: number;
  reason: string;
}

export interface CsvParseOptions {
  /** Skip columns zdl does not know instead of refusing the file (`--ignore-unknown-columns`). */
  ignoreUnknownColumns?: boolean;
}

export interface ParsedCsv {
  persons: CsvPerson[];
  errors: CsvRowError[];
  /** Header titles of the columns that were skipped. */
  ignoredColumns: string[];
}

function detectDelimiter(text: string): ',' | ';' | '\t' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => header.split(char).length - 1;
  const [best] = ([';', ',', '\t'] as const).toSorted((a, b) => count(b) - count(a));
  return count(best!) > 0 ? best! : ',';
}

// Spaces Excel leaves around values, non-breaking ones (U+00A0, U+202F, typed by French
// keyboards before « : ; ! ? ») included; inside a value they become plain spaces.
const clean = (cell: string) => cell.replace(/[\u00A0\u202F]/gu, ' ').trim();

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
      header: header?.record.map(clean) ?? [],
      records: records
        .map((row) => ({ line: row.info.lines, cells: row.record.map(clean) }))
        // Blank lines and Excel's empty rows (`;;;;;`) are not persons.
        .filter((row) => row.cells.some((cell) => cell !== '')),
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
export function parsePersonsCsv(text: string, options: CsvParseOptions = {}): ParsedCsv {
  const { header, records } = readRecords(text);
  const layout = resolveColumns(
    header,
    (index) => records.every((record) => (record.cells[index] ?? '') === ''),
    options.ignoreUnknownColumns === true,
  );

  const persons: CsvPerson[] = [];
  const errors: CsvRowError[] = [];
  const emailLines = new Map<string, number>();
  for (const { line, cells } of records) {
    const extra = cells.slice(header.length).filter((cell) => cell !== '').length;
    if (extra > 0) {
      errors.push({ line, reason: `${header.length + extra} colonnes remplies au lieu de ${header.length} au plus` });
      continue;
    }
    const raw: Partial<Record<Column, string>> = {};
    layout.columns.forEach((column, index) => {
      if (column) raw[column] = cells[index] ?? '';
    });
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
    const given = (Object.keys(raw) as Column[]).filter((column) => raw[column] !== '');
    persons.push({ line, input: result.data, given });
  }
  return { persons, errors, ignoredColumns: layout.ignored };
}
