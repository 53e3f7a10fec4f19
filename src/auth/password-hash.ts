import argon2 from 'argon2';

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 (~30 ms here).
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// node-argon2 0.45 writes `m=…,p=…,t=…` (ranisalt/node-argon2#559); the PHC string format fixes
// the order `m=…,t=…,p=…`, and the reference C library behind argon2-cffi, passlib, PHP and
// libsodium refuses any other ("Decoding failed"). The association's application verifies zdl's
// hashes with those (docs/sign-in.md), so zdl only ever stores the canonical order.
const ARGON2_PHC = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([^$]+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The same hash with its parameters in PHC order (m, t, p); salt and digest untouched. */
export function toCanonicalPhc(hash: string): string {
  const match = ARGON2_PHC.exec(hash);
  const params = new Map(match?.[3]?.split(',').map((pair) => pair.split('=', 2) as [string, string]));
  const [m, t, p] = [params.get('m'), params.get('t'), params.get('p')];
  if (!match || params.size !== 3 || ![m, t, p].every((value) => value && /^\d+$/.test(value))) {
    throw new Error('not an argon2 PHC string with exactly the parameters m, t, p');
  }
  const [, id, version, , salt, digest] = match;
  return `$${id}$v=${version}$m=${m},t=${t},p=${p}$${salt}$${digest}`;
}

export async function hashPassword(password: string): Promise<string> {
  return toCanonicalPhc(await argon2.hash(password.normalize('NFC'), OPTIONS));
}

/** Accepts both parameter orders (node-argon2 parses either), so a hash written before 002 still verifies. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when the hash was made with other parameters than zdl's current ones (re-hash it on success). */
export function needsRehash(hash: string): boolean {
  try {
    return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, OPTIONS);
  } catch {
    return true;
  }
}
