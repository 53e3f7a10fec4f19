import { ZdlError } from '../errors.js';

/** Validates an enumerated flag value, with a French usage error naming the flag. */
export function parseChoice<T extends string>(value: string, choices: readonly T[], flag: string): T {
  const found = choices.find((choice) => choice === value.trim().toLowerCase());
  if (!found) {
    throw new ZdlError(
      'INVALID_OPTION',
      'usage',
      `Valeur invalide pour ${flag} : « ${value} ». Valeurs possibles : ${choices.join(', ')}.`,
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

export function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new ZdlError('INVALID_OPTION', 'usage', `Valeur invalide pour --limit : « ${value} » (entre 1 et 10000).`);
  }
  return limit;
}
