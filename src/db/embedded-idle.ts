import { Refused } from '../env-reader.js';
import { ZdlError } from '../errors.js';

// ZDL_EMBEDDED_IDLE: how long the background host of the embedded database stays up without a
// connection, so that the next command skips PGlite's boot (~1.5 s). `0s`: no background host,
// each command that finds none hosts in-process and closes PGlite when it exits.

export const DEFAULT_EMBEDDED_IDLE_MS = 60_000;

const EXPECTED = 'attendu : une durée en secondes, par exemple 60s (0s : pas d’hôte en arrière-plan)';

/** `60s` → 60 000 ms; `0s` allowed (config.ts reads the variable with it). */
export function asIdleDuration(value: string): number {
  const text = value.trim();
  if (!/^\d{1,4}s$/.test(text)) throw new Refused(EXPECTED);
  return Number(text.slice(0, -1)) * 1000;
}

/** The same, for connections opened without a Config (the test harness, the benches). */
export function parseEmbeddedIdle(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_EMBEDDED_IDLE_MS;
  try {
    return asIdleDuration(value);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    throw new ZdlError('INVALID_CONFIG', 'usage', `Configuration invalide :\n  ZDL_EMBEDDED_IDLE : ${EXPECTED}`, {
      details: { variables: ['ZDL_EMBEDDED_IDLE'] },
    });
  }
}
