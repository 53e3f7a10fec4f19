import { describe, expect, it } from 'vitest';
import { getClientIp, normalizeIp } from '../../src/http/security/client-ip.js';

describe('getClientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For without a trusted proxy', () => {
    expect(getClientIp({ remoteAddress: '203.0.113.9', forwardedFor: '1.2.3.4' }, false)).toBe('203.0.113.9');
  });

  it('takes the right-most X-Forwarded-For entry behind one trusted proxy', () => {
    // The client forged "1.2.3.4"; the proxy appended the real peer 198.51.100.7.
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '1.2.3.4, 198.51.100.7' }, true)).toBe(
      '198.51.100.7',
    );
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.7' }, true)).toBe('198.51.100.7');
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '1.2.3.4,198.51.100.7 , ' }, true)).toBe(
      '198.51.100.7',
    );
  });

  it('falls back to the socket when the header is missing or malformed', () => {
    expect(getClientIp({ remoteAddress: '10.0.0.2' }, true)).toBe('10.0.0.2');
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '' }, true)).toBe('10.0.0.2');
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '1.2.3.4, not-an-ip' }, true)).toBe('10.0.0.2');
  });

  it('normalizes IPv4-mapped IPv6, ports and brackets', () => {
    expect(getClientIp({ remoteAddress: '::ffff:127.0.0.1' }, false)).toBe('127.0.0.1');
    expect(getClientIp({ remoteAddress: '::1' }, false)).toBe('::1');
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '::FFFF:198.51.100.7' }, true)).toBe('198.51.100.7');
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.7:51234' }, true)).toBe('198.51.100.7');
    expect(getClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '[2001:DB8::1]:443' }, true)).toBe('2001:db8::1');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeIp('evil')).toBeUndefined();
  });

  it("says 'unknown' when nothing is known", () => {
    expect(getClientIp({}, false)).toBe('unknown');
    expect(getClientIp({ forwardedFor: '1.2.3.4' }, false)).toBe('unknown');
  });
});
