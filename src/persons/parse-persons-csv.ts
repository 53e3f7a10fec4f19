import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
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

// Bytes handed to the parser at a time: between two, a full batch goes to `onBatch`, which the
// import uses to send it to the database while the rest of the file is read.
const CHUNK_BYTES = 1 << 16;

const unreadable = (error: unknown) => {
  const { lines, message } = error as { lines?: number; message: string };
  return new ZdlError(
    'INVALID_CSV',
    'invalid',
    `Fichier CSV illisible${lines ? ` (ligne ${lines})` : ''} : ${message}`,
  );
};

/**
 * Reads the file in one pass, handing each non-blank record to `onRecord` as csv-parse reads it,
 * so that no array of raw records is kept (100 000 of them weigh ~100 MB). After each chunk,
 * `between` may wait (the database taking a batch) before the next chunk is read.
 */
async function readRecords(
  text: string,
  onHeader: (header: string[]) => void,
  onRecord: (line: number, cells: string[]) => void,
  between: () => Promise<void> | void,
): Promise<void> {
  let header: string[] | null = null;
  const parser = parse({
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
  parser.on('error', () => {}); // read from parser.errored below
  // Whole UTF-8 bytes, cut anywhere: csv-parse joins a character split between two chunks.
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    parser.write(bytes.subarray(offset, offset + CHUNK_BYTES)); // parsed at once: no write is pending
    if (parser.errored) throw unreadable(parser.errored);
    await between();
    // A turn of the event loop: the database's answers are handled while the file is read (a
    // batch's statement goes on only once postgres.js has read the server's reply to its Parse).
    await new Promise((resolve) => setImmediate(resolve));
  }
  try {
    await finished(parser.end(), { readable: false });
  } catch (error) {
    throw unreadable(error);
  }
}

export interface CsvBatch {
  persons: CsvPerson[];
  errors: CsvRowError[];
}

export interface CsvReadOptions extends CsvParseOptions {
  /** Rows (valid or not) a batch; the last one may be smaller. */
  batchSize?: number;
  /** Each batch as it is read and validated, in file order; reading waits for its promise. */
  onBatch: (batch: CsvBatch) => Promise<void> | void;
}

const BATCH = 10_000;

/**
 * Reads and validates the rows batch by batch, so that the caller can write one batch while the
 * next is read. A bad header is thrown (ZdlError) once the whole file is read: its untitled
 * columns are judged by what the rows hold. Returns the header's ignored columns.
 */
export async function readPersonsCsv(text: string, options: CsvReadOptions): Promise<{ ignoredColumns: string[] }> {
  const ignoreUnknown = options.ignoreUnknownColumns === true;
  const size = options.batchSize ?? BATCH;
  // Batches are cut as rows are read and handed over between two chunks of the file.
  let batch: CsvBatch = { persons: [], errors: [] };
  const ready: CsvBatch[] = [];
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
  const onRecord = (line: number, cells: string[]) => {
    if (header === null) return;
    for (let index = 0; index < header.length; index++) {
      if (header[index] === '' && (cells[index] ?? '') !== '') filledUntitled.add(index);
    }
    if (layout === null) return; // a bad header: the rows only tell which untitled columns are filled
    const row = validateRow(line, cells, header.length, layout, emailLines);
    if ('reason' in row) batch.errors.push(row);
    else batch.persons.push(row);
    if (batch.persons.length + batch.errors.length === size) {
      ready.push(batch);
      batch = { persons: [], errors: [] };
    }
  };
  const handOver = async () => {
    for (let next = ready.shift(); next; next = ready.shift()) await options.onBatch(next);
  };
  await readRecords(text, onHeader, onRecord, handOver);
  // The header as the whole file shows it: throws its problems, or names the ignored columns.
  const final = resolveColumns(header ?? [], (index) => !filledUntitled.has(index), ignoreUnknown);
  if (batch.persons.length + batch.errors.length > 0) ready.push(batch);
  await handOver();
  return { ignoredColumns: final.ignored };
}

/** One record as a person, or why it is not one (an e-mail met earlier in the file included). */
function validateRow(
  line: number,
  cells: string[],
  width: number,
  layout: ColumnLayout,
  emailLines: Map<string, number>,
): CsvPerson | CsvRowError {
  const extra = cells.slice(width).filter((cell) => cell !== '').length;
  if (extra > 0) return { line, reason: `${width + extra} colonnes remplies au lieu de ${width} au plus` };
  const raw: Partial<Record<Column, string>> = {};
  layout.columns.forEach((column, index) => {
    if (column) raw[column] = cells[index] ?? '';
  });
  const result = personInputSchema.safeParse(raw);
  if (!result.success) return { line, reason: describeIssues(result.error).join(' ; ') };
  const email = result.data.email?.toLowerCase();
  if (email) {
    const first = emailLines.get(email);
    if (first !== undefined) return { line, reason: `e-mail ${result.data.email} déjà présent ligne ${first}` };
    emailLines.set(email, line);
  }
  const given = (Object.keys(raw) as Column[]).filter((column) => raw[column] !== '');
  return { line, input: result.data, given };
}

/** Every row at once (tests, small files): all rows, or every bad row with its line and reason. */
export async function parsePersonsCsv(text: string, options: CsvParseOptions = {}): Promise<ParsedCsv> {
  const persons: CsvPerson[] = [];
  const errors: CsvRowError[] = [];
  const { ignoredColumns } = await readPersonsCsv(text, {
    ...options,
    onBatch: (batch) => {
      persons.push(...batch.persons);
      errors.push(...batch.errors);
    },
  });
  return { persons, errors, ignoredColumns };
}
