import { asSeconds, invalidConfig, Refused } from '../env-reader.js';

// ZDL_EMBEDDED_IDLE: how long the background host of the embedded database stays up without a
// connection, so that the next command skips PGlite's boot (~1.5 s). `0s`: no background host,
// each command that finds none hosts in-process and closes PGlite when it exits.

export const DEFAULT_EMBEDDED_IDLE_MS = 60_000;

const EXPECTED = 'attendu : une durée en secondes, par exemple 60s (0s : pas d’hôte en arrière-plan)';

/** `60s` → 60 000 ms; `0s` allowed (config.ts reads the variable with it). */
export function asIdleDuration(value: string): number {
  return asSeconds(value.trim(), { zero: true, expected: EXPECTED });
}

/** The same, for connections opened without a Config (the test harness, the benches). */
export function parseEmbeddedIdle(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_EMBEDDED_IDLE_MS;
  try {
    return asIdleDuration(value);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    throw invalidConfig([{ variable: 'ZDL_EMBEDDED_IDLE', message: error.message }]);
  }
}
