import { parseDuration } from '../duration.js';
import { ZdlError } from '../errors.js';

// Flag parsers shared by the leaf commands: each failure is a French usage error naming the flag.

/** Lower case, accents and extra spaces gone: « Révoqué » and « revoque » are the same word. */
function foldWord(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Validates an enumerated flag value, given as its JSON code (`revoked`) or as the French word
 * the tables print (`révoqué`, with or without accents).
 */
export function parseChoice<T extends string>(
  value: string,
  choices: readonly T[],
  flag: string,
  labels: Partial<Record<T, string>> = {},
): T {
  const folded = foldWord(value);
  const found = choices.find((choice) => choice === folded || (labels[choice] && foldWord(labels[choice]) === folded));
  if (!found) {
    const words = choices.map((choice) => (labels[choice] ? `« ${labels[choice]} » (${choice})` : choice));
    throw new ZdlError(
      'INVALID_OPTION',
      'usage',
      `Valeur invalide pour ${flag} : « ${value} ». Valeurs possibles : ${words.join(', ')}.`,
    );
  }
  return found;
}

export function parseId(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) {
    throw new ZdlError('INVALID_ID', 'usage', `${what} invalide : « ${value} » (attendu : un nombre).`);
  }
  return Number(value.trim());
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || port > 65_535) {
    throw new ZdlError(
      'INVALID_OPTION',
      'usage',
      `Valeur invalide pour --port : « ${value} » (entre 0 et 65535 ; 0 = un port libre).`,
    );
  }
  return port;
}

/** `--expires` in milliseconds (undefined: the default validity); it only makes sense with an invitation. */
export function parseValidity(options: { invite?: boolean; expires?: string }): number | undefined {
  if (options.expires === undefined) return undefined;
  if (options.invite === false) {
    throw new ZdlError('INVALID_OPTION', 'usage', '--expires ne sert qu’avec --invite.');
  }
  return parseDuration(options.expires);
}

/** `--send` e-mails the invitation, so it needs `--invite`. */
export function assertSendNeedsInvite(options: { invite?: boolean; send?: boolean }): void {
  if (options.send && !options.invite) {
    throw new ZdlError('INVALID_OPTION', 'usage', '--send ne sert qu’avec --invite.');
  }
}

/** `--since 7d` as the instant that long before now. */
export function parseSince(value: string | undefined, now: Date): Date | undefined {
  return value === undefined ? undefined : new Date(now.getTime() - parseDuration(value, '--since'));
}
