import { ZdlError } from '../errors.js';

// ZDL_EMBEDDED_IDLE: how long the background host of the embedded database stays up without a
// connection, so that the next command skips PGlite's boot (~1.5 s). `0s`: no background host,
// each command that finds none hosts in-process and closes PGlite when it exits.
// (Read from process.env until config.ts carries it; see README « Performance ».)

export const DEFAULT_EMBEDDED_IDLE_MS = 60_000;

export function parseEmbeddedIdle(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_EMBEDDED_IDLE_MS;
  if (!/^\d{1,4}s$/.test(text)) {
    throw new ZdlError(
      'INVALID_CONFIG',
      'usage',
      'Configuration invalide :\n  ZDL_EMBEDDED_IDLE : attendu : une durée en secondes, par exemple 60s (0s : pas d’hôte en arrière-plan)',
      { details: { variables: ['ZDL_EMBEDDED_IDLE'] } },
    );
  }
  return Number(text.slice(0, -1)) * 1000;
}
