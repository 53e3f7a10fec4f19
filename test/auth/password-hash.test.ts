import argon2 from 'argon2';
import { beforeAll, describe, expect, test } from 'vitest';
import { hashPassword, needsRehash, toCanonicalPhc, verifyPassword } from '../../src/auth/password-hash.js';
import { verifyWithArgon2Cffi, verifyWithPhp } from '../support/real-verifiers.js';

const CANONICAL = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
const NON_ASCII = 'Crème brûlée à l’été — Straße 🌧️';
const nfd = (text: string) => text.normalize('NFD');

/** What node-argon2 0.45 writes by itself: m, p, t (ranisalt/node-argon2#559). */
function hashAsTheLibraryDoes(password: string, timeCost = 2) {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost, parallelism: 1 });
}

describe('canonical PHC strings', () => {
  test('zdl writes m, t, p whatever the library emits', async () => {
    const raw = await hashAsTheLibraryDoes('mot de passe');
    expect(raw).toMatch(/\$m=19456,p=1,t=2\$/); // if this fails, node-argon2 fixed #559: still fine
    const canonical = toCanonicalPhc(raw);
    expect(canonical).toMatch(CANONICAL);
    expect(canonical.split('$').slice(4)).toEqual(raw.split('$').slice(4)); // salt and digest untouched
    expect(toCanonicalPhc(canonical)).toBe(canonical);
    expect(await hashPassword('mot de passe')).toMatch(CANONICAL);
  });

  test('anything but an argon2 PHC string with m, t, p is refused', () => {
    for (const bad of ['', 'plain', '$argon2id$v=19$m=1,t=1$abc$def', '$argon2id$v=19$m=1,t=1,p=1,x=2$abc$def']) {
      expect(() => toCanonicalPhc(bad)).toThrow(/PHC/);
    }
  });

  test('zdl verifies both orders, hashes NFC, and tells when to re-hash', async () => {
    const raw = await hashAsTheLibraryDoes(NON_ASCII);
    expect(await verifyPassword(raw, NON_ASCII)).toBe(true);
    expect(await verifyPassword(toCanonicalPhc(raw), NON_ASCII)).toBe(true);
    const hash = await hashPassword(nfd(NON_ASCII));
    expect(await verifyPassword(hash, NON_ASCII)).toBe(true);
    expect(await verifyPassword(hash, 'Creme brulee')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash(raw)).toBe(false);
    expect(needsRehash(toCanonicalPhc(await hashAsTheLibraryDoes('x', 1)))).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
  });
});

describe('real verifiers accept what zdl writes', () => {
  // Hashed once for both verifiers: argon2 is the slow part on a loaded machine.
  let cases: Awaited<ReturnType<typeof makeCases>>;
  beforeAll(async () => {
    cases = await makeCases();
  });

  async function makeCases() {
    const ascii = await hashPassword('rivière lente sous la pluie'.normalize('NFC'));
    const nonAscii = await hashPassword(NON_ASCII);
    const typedOnAMac = await hashPassword(nfd(NON_ASCII)); // zdl hashes the NFC form
    return [
      { hash: ascii, password: 'rivière lente sous la pluie' },
      { hash: nonAscii, password: NON_ASCII },
      { hash: typedOnAMac, password: NON_ASCII.normalize('NFC') },
      { hash: nonAscii, password: 'Crème brûlée' },
      { hash: await hashAsTheLibraryDoes(NON_ASCII), password: NON_ASCII },
    ];
  }

  test('argon2-cffi (Debian python3-argon2)', async () => {
    const results = await verifyWithArgon2Cffi(cases);
    expect(results.slice(0, 3)).toEqual([
      { ok: true, rehash: false },
      { ok: true, rehash: false },
      { ok: true, rehash: false },
    ]);
    expect(results[3]).toEqual({ ok: false });
    // The library's own m,p,t order: the reason for toCanonicalPhc.
    expect(results[4]!.ok).toBe('VerificationError: Decoding failed');
  });

  test('PHP password_verify (php-cli)', async () => {
    const results = await verifyWithPhp(cases);
    expect(results.map((result) => result.ok)).toEqual([true, true, true, false, false]);
  });
});
