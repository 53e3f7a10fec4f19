import { parse } from 'csv-parse/sync';
import { ZdlError } from '../errors.js';
import { type Column, type ColumnLayout, resolveColumns } from './csv-columns.js';
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

/**
 * Reads the file in one pass, handing each non-blank record to `onRecord` as csv-parse reads it,
 * so that no array of raw records is kept (100 000 of them weigh ~100 MB). Returns the header.
 */
function readRecords(
  text: string,
  onHeader: (header: string[]) => void,
  onRecord: (line: number, cells: string[]) => void,
): void {
  let header: string[] | null = null;
  try {
    parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record: string[], { lines }: { lines: number }) => {
        if (header === null) {
          header = record.map(clean);
          onHeader(header);
        } else {
          const cells = record.map(clean);
          // Blank lines and Excel's empty rows (`;;;;;`) are not persons.
          if (cells.some((cell) => cell !== '')) onRecord(lines, cells);
        }
        return null; // kept by nobody
      },
    });
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
  const ignoreUnknown = options.ignoreUnknownColumns === true;
  const persons: CsvPerson[] = [];
  const errors: CsvRowError[] = [];
  const emailLines = new Map<string, number>();
  // The layout is known from the header but for its untitled columns: one with nothing under it
  // is Excel's trailing `;;;`, any other is an unknown column. Their cells are never read, so the
  // rows are read as if they were blank, and the header is judged again at the end if one was not.
  let header: string[] | null = null;
  let layout: ColumnLayout | null = null;
  const filledUntitled = new Set<number>();
  const onHeader = (first: string[]) => {
    header = first;
    try {
      layout = resolveColumns(first, () => true, ignoreUnknown);
    } catch {
      layout = null; // judged below, with what the rows said
    }
  };
  readRecords(text, onHeader, (line, cells) => {
    if (header === null) return;
    for (let index = 0; index < header.length; index++) {
      if (header[index] === '' && (cells[index] ?? '') !== '') filledUntitled.add(index);
    }
    if (layout === null) return; // a bad header: the rows only tell which untitled columns are filled
    const extra = cells.slice(header.length).filter((cell) => cell !== '').length;
    if (extra > 0) {
      errors.push({ line, reason: `${header.length + extra} colonnes remplies au lieu de ${header.length} au plus` });
      return;
    }
    const raw: Partial<Record<Column, string>> = {};
    layout.columns.forEach((column, index) => {
      if (column) raw[column] = cells[index] ?? '';
    });
    const result = personInputSchema.safeParse(raw);
    if (!result.success) {
      errors.push({ line, reason: describeIssues(result.error).join(' ; ') });
      return;
    }
    const email = result.data.email?.toLowerCase();
    if (email) {
      const first = emailLines.get(email);
      if (first !== undefined) {
        errors.push({ line, reason: `e-mail ${result.data.email} déjà présent ligne ${first}` });
        return;
      }
      emailLines.set(email, line);
    }
    const given = (Object.keys(raw) as Column[]).filter((column) => raw[column] !== '');
    persons.push({ line, input: result.data, given });
  });
  // The header as the whole file shows it: throws its problems, or names the ignored columns.
  const final = resolveColumns(header ?? [], (index) => !filledUntitled.has(index), ignoreUnknown);
  return { persons, errors, ignoredColumns: final.ignored };
}
