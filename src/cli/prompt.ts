import { ZdlError } from '../errors.js';
import { Cancelled } from './cancelled.js';
import type { CliIO } from './io.js';

// Prompts only when a person is there (stdin is a TTY and --no-input is off); otherwise a
// missing value is a usage error that names the flag, so cron jobs fail loudly and early.
// Ctrl-C / Ctrl-D at any prompt make inquirer throw ExitPromptError, which main() reports as
// « Annulé : rien n'a été modifié. » with exit code 130.

export interface PromptPolicy {
  io: CliIO;
  interactive: boolean;
}

function streams(policy: PromptPolicy) {
  return { input: policy.io.stdin, output: policy.io.stderr as NodeJS.WritableStream };
}

function assertInteractive(policy: PromptPolicy, flag: string): void {
  if (!policy.interactive) {
    throw new ZdlError('MISSING_OPTION', 'usage', `Option manquante : ${flag} (aucune saisie possible sans terminal).`);
  }
}

export async function askText(
  policy: PromptPolicy,
  flag: string,
  question: string,
  options: { optional?: boolean } = {},
): Promise<string> {
  assertInteractive(policy, flag);
  const { input } = await import('@inquirer/prompts');
  return input(
    {
      message: question,
      required: !options.optional,
      validate: (value) => options.optional || value.trim() !== '' || 'Valeur obligatoire',
    },
    streams(policy),
  );
}

export async function askChoice<T extends string>(
  policy: PromptPolicy,
  flag: string,
  question: string,
  choices: { value: T; name: string }[],
  fallback: T,
): Promise<T> {
  assertInteractive(policy, flag);
  const { select } = await import('@inquirer/prompts');
  return select({ message: question, choices, default: fallback }, streams(policy));
}

const YES = /^(o|oui)$/i;
const NO = /^(n|non)$/i;

/** A French yes/no: « oui »/« o » or « non »/« n », asked again on anything else. */
export async function askYesNo(policy: PromptPolicy, flag: string, question: string): Promise<boolean> {
  assertInteractive(policy, flag);
  const { input } = await import('@inquirer/prompts');
  const answer = await input(
    {
      message: `${question} (oui/non)`,
      validate: (value) => YES.test(value.trim()) || NO.test(value.trim()) || 'Répondez « oui » (o) ou « non » (n).',
    },
    streams(policy),
  );
  return YES.test(answer.trim());
}

/** Destructive commands: --yes, or an explicit « oui » on a TTY; never a silent default. */
export async function confirmDestructive(policy: PromptPolicy & { yes: boolean }, question: string): Promise<void> {
  if (policy.yes) return;
  if (!policy.interactive) {
    throw new ZdlError(
      'CONFIRMATION_REQUIRED',
      'usage',
      'Action destructive : ajoutez --yes pour confirmer sans terminal.',
    );
  }
  // A typed answer rather than inquirer's confirm, whose (y/N) hint is English.
  if (!(await askYesNo(policy, '--yes', question))) throw new Cancelled(1);
}
