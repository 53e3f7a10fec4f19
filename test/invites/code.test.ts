import { describe, expect, test } from 'vitest';
import { generateInviteCode, normalizeInviteCode } from '../../src/invites/code.js';
import { deriveInviteCodeKey, hashInviteCode } from '../../src/invites/code-keys.js';

const keys = { current: deriveInviteCodeKey('une-cle-de-test-assez-longue-pour-zdl'), previous: null };
import { parseDuration } from '../../src/duration.js';

describe('invitation codes', () => {
  test('ZDL- + 6 + - + 5 Crockford base32 characters, from crypto randomness', () => {
    const codes = new Set(Array.from({ length: 2000 }, generateInviteCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^ZDL-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const used = new Set([...codes].join('').replace(/ZDL|-/g, ''));
    expect(used.size).toBe(32); // every symbol shows up: the alphabet is all of Crockford's
  });

  test('typed variants normalize to the same code (case, spaces, dashes, O→0, I/L→1)', () => {
    const canonical = 'ZDL-0A1B2C-3D4E5';
    for (const typed of [
      'zdl-0a1b2c-3d4e5',
      ' ZDL 0A1B2C 3D4E5 ',
      'ZDL0A1B2C3D4E5',
      '0A1B2C3D4E5',
      'ZDL-OAIB2C-3D4E5',
      'zdl-0alb2c-3d4e5',
    ]) {
      expect(normalizeInviteCode(typed)).toBe(canonical);
    }
    expect(hashInviteCode(keys, normalizeInviteCode('zdl 0a1b2c 3d4e5')!)).toEqual(hashInviteCode(keys, canonical));
  });

  test('garbage is refused before any lookup', () => {
    for (const typed of [
      '',
      'ZDL-',
      'ZDL-0A1B2C-3D4E',
      'ZDL-0A1B2C-3D4E5X',
      'ZDL-0A1B2C-3D4U5',
      "'; drop table",
      'Z'.repeat(500),
    ]) {
      expect(normalizeInviteCode(typed)).toBeNull();
    }
  });

  test('the stored form is a 32-byte HMAC-SHA-256, never the code', () => {
    const { hash } = hashInviteCode(keys, 'ZDL-0A1B2C-3D4E5');
    expect(hash).toHaveLength(32);
    expect(hash.toString('utf8')).not.toContain('0A1B2C');
  });
});

describe('durations', () => {
  test('90s, 30m, 12h, 7d', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('7D')).toBe(604_800_000);
  });

  test('anything else is a usage error', () => {
    for (const bad of ['', '7', 'd7', '0d', '1w', '-1d', '400d', '1.5h'])
      expect(() => parseDuration(bad)).toThrow(/Durée invalide/);
  });
});
