import { createRequire } from 'node:module';

// A table renderer linear in rows: one pass measures every cell, one pass writes them. cli-table3
// re-measures and re-lays out every cell per row (16 s for 15 000 persons, issue #17), and draws a
// separator between rows, which wraps on an 80-column terminal. Here columns are separated by two
// spaces (as `ls -l`, `git branch -v`, `docker ps` print), low-value columns are dropped first on a
// narrow terminal, then the widest shrinkable ones are shortened with « … ».

export interface Column {
  title: string;
  /** Dropped on a narrow terminal, lowest rank first; undefined: always kept. */
  drop?: number;
  /** May be shortened with « … » (names, e-mails, details); others are kept whole. */
  shrink?: boolean;
}

export type Cell = string | number | null | undefined;

const GAP = '  ';
const MIN_SHRUNK = 6;
// Latin text (French names, e-mails, dates): one column per UTF-16 unit, so no need to ask
// string-width, which segments graphemes and costs ~20× more.
const NARROW = /^[\u0020-\u007e\u00a0-\u02ff\u2000-\u2027\u202f-\u206f]*$/;

// string-width and its Unicode tables take longer to load than the rest of a list command: loaded
// the first time a cell needs them (require of an ES module: Node ≥ 20.19, package.json engines).
let stringWidth: ((text: string) => number) | undefined;
function wideWidth(text: string): number {
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (text: string) => number }).default;
  return stringWidth(text);
}

function displayWidth(text: string): number {
  return NARROW.test(text) ? text.length : wideWidth(text);
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined || cell === '') return '—';
  // One table line per row, whatever the data holds (a newline or a tab in a CSV-imported name).
  return String(cell).replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/** Cuts `text` to `width` display columns, ending with « … » when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (NARROW.test(text)) return `${text.slice(0, width - 1)}…`;
  let used = 0;
  let kept = '';
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    const w = wideWidth(segment);
    if (used + w > width - 1) break;
    used += w;
    kept += segment;
  }
  return `${kept}…`;
}

function fitWidths(columns: Column[], natural: number[], maxWidth: number): { kept: number[]; widths: number[] } {
  const kept = columns.map((_, index) => index);
  const total = () => kept.reduce((sum, index) => sum + widths[index]!, 0) + GAP.length * (kept.length - 1);
  const widths = [...natural];
  const droppable = kept.filter((index) => columns[index]!.drop !== undefined);
  droppable.sort((a, b) => columns[a]!.drop! - columns[b]!.drop!);
  for (const index of droppable) {
    if (total() <= maxWidth) break;
    kept.splice(kept.indexOf(index), 1);
  }
  let excess = total() - maxWidth;
  while (excess > 0) {
    const widest = kept
      .filter((index) => columns[index]!.shrink && widths[index]! > MIN_SHRUNK)
      .sort((a, b) => widths[b]! - widths[a]!)[0];
    if (widest === undefined) break;
    widths[widest]!--;
    excess--;
  }
  return { kept, widths };
}

/** Lays out a table for a terminal `maxWidth` columns wide (Infinity on a pipe: nothing cut). */
export function renderTable(
  columns: Column[],
  rows: Cell[][],
  maxWidth: number,
  styleHead: (text: string) => string = (text) => text,
): string {
  const texts = rows.map((row) => columns.map((_, index) => cellText(row[index])));
  const cellWidths = texts.map((row) => row.map(displayWidth));
  const natural = columns.map((column) => displayWidth(column.title));
  for (const row of cellWidths) {
    for (let index = 0; index < row.length; index++) natural[index] = Math.max(natural[index]!, row[index]!);
  }
  const { kept, widths } = fitWidths(columns, natural, maxWidth);

  const line = (cells: string[], measured: number[] | undefined, style = (text: string) => text) =>
    kept
      .map((index, position) => {
        const width = widths[index]!;
        let text = cells[index]!;
        let w = measured ? measured[index]! : displayWidth(text);
        if (w > width) {
          text = truncate(text, width);
          w = displayWidth(text);
        }
        const padding = position === kept.length - 1 ? '' : ' '.repeat(width - w);
        return style(text) + padding;
      })
      .join(GAP)
      .trimEnd();

  const lines = [
    line(
      columns.map((column) => column.title),
      undefined,
      styleHead,
    ),
  ];
  lines.push(kept.map((index) => '─'.repeat(widths[index]!)).join(GAP));
  for (let row = 0; row < texts.length; row++) lines.push(line(texts[row]!, cellWidths[row]));
  return lines.join('\n');
}
