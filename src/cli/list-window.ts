import { ZdlError } from '../errors.js';
import type { CommandContext } from './context.js';
import { countOf } from './plural.js';

// Long lists show the 50 most recent rows unless told otherwise (`--limit N`, `--all`): a table of
// 15 000 rows is unreadable on a terminal, and a line says how many were left out and how to see them.

export const DEFAULT_LIMIT = 50;

export interface WindowOptions {
  limit?: string;
  all?: boolean;
}

/** The number of rows asked for; null with --all. */
export function parseWindow(options: WindowOptions): number | null {
  if (options.all) {
    if (options.limit !== undefined) throw new ZdlError('INVALID_OPTION', 'usage', '--limit et --all s’excluent.');
    return null;
  }
  if (options.limit === undefined) return DEFAULT_LIMIT;
  const limit = Number(options.limit);
  if (!/^\s*\d+\s*$/.test(options.limit) || !Number.isSafeInteger(limit) || limit < 1) {
    throw new ZdlError(
      'INVALID_OPTION',
      'usage',
      `Valeur invalide pour --limit : « ${options.limit} » (un nombre entier à partir de 1 ; --all pour tout).`,
    );
  }
  return limit;
}

/** The `limit` rows with the highest `recency` (most recent first), kept in the list's order. */
export function takeMostRecent<T>(rows: T[], limit: number | null, recency: (row: T) => number): T[] {
  if (limit === null || rows.length <= limit) return rows;
  const keep = new Set(
    rows
      .map(recency)
      .sort((a, b) => b - a)
      .slice(0, limit),
  );
  return rows.filter((row) => keep.has(recency(row))).slice(0, limit);
}

/** « 14 950 personnes de plus… » on stderr when rows were left out. */
export function reportHidden(ctx: CommandContext, hidden: number, nouns: [string, string], older: string): void {
  if (hidden <= 0) return;
  ctx.out.info(`… et ${countOf(hidden, ...nouns)} de plus, ${older} : --limit N pour en voir N, --all pour tout voir.`);
}
