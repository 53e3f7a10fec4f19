import { type Command, CommanderError } from 'commander';
import type { Clock } from '../clock.js';
import { ZdlError } from '../errors.js';
import { Cancelled, CANCELLED_MESSAGE, isPromptExit } from './cancelled.js';
import { translateCommanderError } from './commander-errors.js';
import { createSession } from './context.js';
import { describeForTerminal, exitCodeFor } from './exit-code.js';
import { type CliIO, processIO } from './io.js';
import { createOutput } from './output.js';
import { buildProgram } from './program.js';

const CLEAN_EXITS = ['commander.helpDisplayed', 'commander.help', 'commander.version'];

/** `zdl persons add --nom` → `zdl persons add`: the command whose help a usage error points to. */
function commandPath(program: Command, argv: string[]): string {
  const names = ['zdl'];
  let command = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    names.push(sub.name());
    command = sub;
  }
  return names.join(' ');
}

function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof CommanderError) return { code: 'USAGE', message: translateCommanderError(error) };
  if (error instanceof ZdlError) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: `inattendue : ${(error as Error)?.message ?? String(error)}` };
}

async function reportError(error: unknown, io: CliIO, argv: string[], program: Command): Promise<number> {
  if (error instanceof CommanderError && CLEAN_EXITS.includes(error.code)) return 0;
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  const out = await createOutput(io, { json, color: !argv.includes('--no-color') });
  if (error instanceof Cancelled || isPromptExit(error)) {
    const message = error instanceof Cancelled ? error.message : CANCELLED_MESSAGE;
    if (json) io.stderr.write(`${JSON.stringify({ error: { code: 'CANCELLED', message } })}\n`);
    else out.info(message);
    return error instanceof Cancelled ? error.exitCode : 130;
  }
  const failure = describeFailure(error);
  const exitCode = error instanceof CommanderError ? 2 : exitCodeFor(error);
  if (json) {
    // Scripts read one JSON object on stderr (`{"error":{"code","message"}}`), stdout stays data.
    io.stderr.write(`${JSON.stringify({ error: failure })}\n`);
  } else if (error instanceof CommanderError) {
    out.error(`${failure.message}\nAide : ${commandPath(program, argv)} --help`);
  } else if (error instanceof ZdlError) {
    out.error(describeForTerminal(error));
  } else {
    out.error(`${failure.message}${debug ? '' : ' (relancez avec --debug pour le détail)'}`);
  }
  if (debug) {
    const detail = error instanceof ZdlError ? error.cause : error;
    if (detail) io.stderr.write(`${(detail as Error)?.stack ?? String(detail)}\n`);
  }
  return exitCode;
}

/** Runs one zdl invocation and returns its exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIO = processIO(), options: { clock?: Clock } = {}): Promise<number> {
  const session = createSession(io, options.clock);
  const program = await buildProgram(session, io, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return session.exitCode;
  } catch (error) {
    return reportError(error, io, argv, program);
  } finally {
    await session.close().catch(() => {});
  }
}

/**
 * `zdl invites list | head` closes the pipe early: that is the reader being done, not an error
 * (clig.dev; GNU tools exit quietly on SIGPIPE). Without a listener Node throws EPIPE as an
 * uncaught 'error' event and prints its stack.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
}

export async function run(): Promise<void> {
  ignoreClosedPipes();
  process.exitCode = await main(process.argv.slice(2));
}
