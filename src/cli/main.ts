import { CommanderError } from 'commander';
import type { Clock } from '../clock.js';
import { ZdlError } from '../errors.js';
import { translateCommanderError } from './commander-errors.js';
import { createSession } from './context.js';
import { describeForTerminal, exitCodeFor } from './exit-code.js';
import { processIO, type CliIO } from './io.js';
import { createOutput } from './output.js';
import { buildProgram } from './program.js';

const CLEAN_EXITS = ['commander.helpDisplayed', 'commander.help', 'commander.version'];

async function reportError(error: unknown, io: CliIO, argv: string[]): Promise<number> {
  if (error instanceof CommanderError && CLEAN_EXITS.includes(error.code)) return 0;
  const debug = argv.includes('--debug');
  const out = await createOutput(io, { json: false, color: !argv.includes('--no-color') });
  if (error instanceof CommanderError) {
    out.error(`${translateCommanderError(error)}\nAide : zdl --help`);
    return 2;
  }
  if (error instanceof ZdlError) {
    out.error(describeForTerminal(error));
    if (debug && error.cause) io.stderr.write(`${(error.cause as Error)?.stack ?? String(error.cause)}\n`);
  } else {
    out.error(
      `inattendue : ${(error as Error)?.message ?? String(error)}${debug ? '' : ' (relancez avec --debug pour le détail)'}`,
    );
    if (debug) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  }
  return exitCodeFor(error);
}

/** Runs one zdl invocation and returns its exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIO = processIO(), options: { clock?: Clock } = {}): Promise<number> {
  const session = createSession(io, options.clock);
  const program = buildProgram(session, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return session.exitCode;
  } catch (error) {
    return reportError(error, io, argv);
  } finally {
    await session.close().catch(() => {});
  }
}

export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
}
