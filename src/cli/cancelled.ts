// A person said no, or pressed Ctrl-C / Ctrl-D at a prompt: a notice, not an error, and nothing
// was written. 130 = 128 + SIGINT, what shells report for an interrupted command (Bash manual,
// « Exit Status »); a declined confirmation exits 1, as `apt` and `rm -i` do.

export const CANCELLED_MESSAGE = 'Annulé : rien n’a été modifié.';

export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  readonly exitCode: 1 | 130;

  constructor(exitCode: 1 | 130, message = CANCELLED_MESSAGE) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** @inquirer/prompts throws ExitPromptError on Ctrl-C and when stdin closes (Ctrl-D). */
export function isPromptExit(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ExitPromptError';
}
