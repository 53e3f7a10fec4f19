import { ZdlError } from './errors.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_MS = 366 * UNITS.d!;

/** Parses `90s`, `30m`, `12h`, `7d` into milliseconds. */
export function parseDuration(input: string, flag = '--expires'): number {
  const match = /^\s*(\d{1,6})\s*([smhd])\s*$/i.exec(input);
  const ms = match ? Number(match[1]) * UNITS[match[2]!.toLowerCase()]! : NaN;
  if (!match || ms <= 0 || ms > MAX_MS) {
    throw new ZdlError(
      'INVALID_DURATION',
      'usage',
      `Durée invalide pour ${flag} : « ${input} ». Exemples : 90s, 30m, 12h, 7d (au plus 366d).`,
    );
  }
  return ms;
}
