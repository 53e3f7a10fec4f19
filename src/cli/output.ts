import type { ChalkInstance } from 'chalk';
import type { CliIO, OutStream } from './io.js';
import type { Cell, Column } from './table.js';

// Data goes to stdout (JSON with --json, tables otherwise); messages go to stderr. Colour only
// on a TTY, never with NO_COLOR, --no-color or TERM=dumb.

export interface Output {
  readonly json: boolean;
  readonly color: ChalkInstance;
  data(text: string): void;
  printJson(value: unknown): void;
  table(head: (string | Column)[], rows: Cell[][]): Promise<void>;
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function wantsColor(stream: OutStream, env: CliIO['env'], flag: boolean): boolean {
  return flag && stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** A terminal's width; COLUMNS when set (scripts, tests); otherwise a pipe, where nothing is cut. */
export function terminalWidth(io: CliIO): number {
  if (io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : Number.POSITIVE_INFINITY;
}

function writeLine(stream: OutStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Loads chalk on demand: `zdl --help` and `--version` never need it. */
export async function createOutput(io: CliIO, options: { json: boolean; color: boolean }): Promise<Output> {
  const { Chalk } = await import('chalk');
  const stdoutColor = new Chalk({ level: wantsColor(io.stdout, io.env, options.color) ? 1 : 0 });
  const color = new Chalk({ level: wantsColor(io.stderr, io.env, options.color) ? 1 : 0 });
  return {
    json: options.json,
    color,
    data: (text) => writeLine(io.stdout, text),
    printJson: (value) => writeLine(io.stdout, JSON.stringify(value, null, 2)),
    async table(head, rows) {
      const { renderTable } = await import('./table.js');
      const columns = head.map((column) => (typeof column === 'string' ? { title: column } : column));
      writeLine(
        io.stdout,
        renderTable(columns, rows, terminalWidth(io), (title) => stdoutColor.bold(title)),
      );
    },
    info: (message) => writeLine(io.stderr, message),
    success: (message) => writeLine(io.stderr, `${color.green('✓')} ${message}`),
    warn: (message) => writeLine(io.stderr, `${color.yellow('!')} ${message}`),
    error: (message) => writeLine(io.stderr, `${color.red('Erreur :')} ${message}`),
  };
}
