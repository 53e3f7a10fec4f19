import { randomInt } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { rateLimitSubject } from '../../src/http/security/client-ip.js';
import { useTestDatabase } from '../support/database.js';
import { makeApp, postForm } from '../support/http.js';

// Issue 11: an IPv6 client owns a whole /64 (RFC 6177) and picks the low 64 bits at will, so
// per-address counting gave it unlimited POSTs (40 of 40 passed). The limit now counts the /64.
const t = useTestDatabase();

const hextet = () => randomInt(0x10000).toString(16);

describe('per-IP limits and IPv6', () => {
  test('40 POSTs from 40 addresses of one /64 are limited like one client; another /64 is not', async () => {
    const { app } = makeApp(t, { postRateLimit: { limit: 20, windowMs: 5 * 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const ip = `2001:db8:17:4e:${hextet()}:${hextet()}:${hextet()}:${i.toString(16)}`;
      statuses.push((await postForm(app, '/forgot-password', { email: 'pas-une-adresse' }, { ip })).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 422)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    // The neighbouring /64, and a compressed spelling of yet another one, each have their own count.
    expect((await postForm(app, '/forgot-password', { email: 'x' }, { ip: '2001:db8:17:4f::1' })).status).toBe(422);
    expect((await postForm(app, '/forgot-password', { email: 'x' }, { ip: '2001:db8::1' })).status).toBe(422);
  });

  test('the subject is the /64 for IPv6, the address for IPv4 and IPv4-mapped IPv6', () => {
    expect(rateLimitSubject('2001:db8:17:4e:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:17:4e::/64');
    expect(rateLimitSubject('2001:db8:17:4e::1')).toBe('2001:db8:17:4e::/64');
    expect(rateLimitSubject('2001:DB8:0017:004E:0:0:0:1'.toLowerCase())).toBe('2001:db8:17:4e::/64');
    expect(rateLimitSubject('::1')).toBe('::/64');
    expect(rateLimitSubject('fe80::1%eth0')).toBe('fe80::/64');
    expect(rateLimitSubject('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitSubject('198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitSubject('unknown')).toBe('unknown');
  });
});
