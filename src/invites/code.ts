import { randomInt } from 'node:crypto';

// Invitation codes: ZDL-XXXXXX-YYYYY, 11 characters of Crockford base32 (5 bits each: 55 bits).
// Only a keyed hash of the normalized code is stored (code-keys.ts); lookups hash the typed code
// the same way.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateInviteCode(): string {
  let chars = '';
  for (let i = 0; i < 11; i++) chars += CROCKFORD[randomInt(32)];
  return `ZDL-${chars.slice(0, 6)}-${chars.slice(6)}`;
}

/**
 * Canonical form of what a person typed: case, spaces and dashes ignored, the optional ZDL
 * prefix dropped, and Crockford's look-alikes mapped (O→0, I/L→1). Returns null when what is
 * left cannot be a code, so that garbage is refused before any database lookup.
 */
export function normalizeInviteCode(input: string): string | null {
  let chars = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (chars.startsWith('ZDL') && chars.length === 14) chars = chars.slice(3);
  chars = chars.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{11}$/.test(chars)) return null;
  return `ZDL-${chars.slice(0, 6)}-${chars.slice(6)}`;
}
