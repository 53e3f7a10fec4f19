import { ZdlError } from '../errors.js';
import type { CliIO } from './io.js';

// Prompts only when a person is there (stdin is a TTY and --no-input is off); otherwise a
// missing value is a usage error that names the flag, so cron jobs fail loudly and early.

export interface PromptPolicy {
  io: CliIO;
  interactive: boolean;
}

export async function askText(policy: PromptPolicy, flag: string, question: string): Promise<string> {
  if (!policy.interactive) {
    throw new ZdlError('MISSING_OPTION', 'usage', `Option manquante : ${flag} (aucune saisie possible sans terminal).`);
  }
  const { input } = await import('@inquirer/prompts');
  return input(
    { message: question, required: true, validate: (value) => value.trim() !== '' || 'Valeur obligatoire' },
    { input: policy.io.stdin, output: policy.io.stderr as NodeJS.WritableStream },
  );
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
  // A typed « oui » rather than inquirer's confirm, whose (y/N) hint is English.
  const { input } = await import('@inquirer/prompts');
  const answer = await input(
    { message: `${question} Tapez « oui » pour confirmer :` },
    { input: policy.io.stdin, output: policy.io.stderr as NodeJS.WritableStream },
  );
  if (!/^\s*(o|oui|y|yes)\s*$/i.test(answer))
    throw new ZdlError('CANCELLED', 'usage', 'Annulé : rien n’a été modifié.');
}
