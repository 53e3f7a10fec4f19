import { z } from 'zod';
import { ZdlError } from '../../errors.js';

// A zdl backup is gzip'd JSON lines (one JSON value per line, UTF-8):
//   1. a header: format, version, when, from which database, the migrations applied there, and
//      every table of the `zdl` schema with its columns, row count and identity position;
//   2. per table, in foreign-key order, a `{"@table": name}` line followed by its rows, one JSON
//      object per row as PostgreSQL's to_json() writes it (bytea as "\\x…" hex, timestamps in
//      UTC with microseconds, jsonb as JSON); `@` cannot start a column name, so markers and rows
//      never mix up;
//   3. a closing `{"@end": N}` line (N rows in all), so that a truncated file is refused.
// Data only: the schema comes from zdl's migrations on the target, which is what lets one file
// restore on the embedded PostgreSQL 18 and on any server from 14 on.

export const BACKUP_FORMAT = 'zdl-backup';
export const BACKUP_FORMAT_VERSION = 1;

const identitySchema = z.object({
  column: z.string(),
  /** The sequence's last value when the backup was taken (null: never used). */
  last_value: z.number().int().nullable(),
});

const tableSchema = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().nonnegative(),
  identity: identitySchema.nullable(),
});

const migrationSchema = z.object({ version: z.string(), name: z.string(), checksum: z.string() });

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  created_at: z.string(),
  zdl_version: z.string(),
  source: z.object({ kind: z.enum(['embedded', 'server']), server_version: z.string() }),
  migrations: z.array(migrationSchema),
  tables: z.array(tableSchema),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupTable = z.infer<typeof tableSchema>;

export type BackupLine =
  | { kind: 'section'; table: string }
  | { kind: 'row'; row: Record<string, unknown> }
  | { kind: 'end'; rows: number };

export function invalidBackup(reason: string, cause?: unknown): ZdlError {
  return new ZdlError('BACKUP_INVALID', 'invalid', `Sauvegarde illisible : ${reason}.`, { cause });
}

function parseJson(line: string, where: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw invalidBackup(`${where} n'est pas du JSON`, error);
  }
}

export function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw invalidBackup('fichier vide');
  const value = parseJson(line, 'la première ligne');
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw invalidBackup('ce n’est pas une sauvegarde zdl (zdl db backup)');
  const version = (value as { version?: unknown }).version;
  if (version !== BACKUP_FORMAT_VERSION) {
    throw invalidBackup(
      `format version ${String(version)}, cette version de zdl lit la version ${BACKUP_FORMAT_VERSION}`,
    );
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw invalidBackup('en-tête incomplet', parsed.error);
  return parsed.data;
}

export const sectionLine = (table: string) => JSON.stringify({ '@table': table });
export const endLine = (rows: number) => JSON.stringify({ '@end': rows });

/** Classifies one line after the header: a table marker, a row, or the closing line. */
export function parseLine(line: string, lineNumber: number): BackupLine {
  const value = parseJson(line, `la ligne ${lineNumber}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidBackup(`la ligne ${lineNumber} n'est pas un objet`);
  }
  const record = value as Record<string, unknown>;
  if (typeof record['@table'] === 'string') return { kind: 'section', table: record['@table'] };
  if (typeof record['@end'] === 'number') return { kind: 'end', rows: record['@end'] };
  return { kind: 'row', row: record };
}
