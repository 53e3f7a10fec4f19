import { describe, expect, it } from 'vitest';
import { checkCrossOrigin } from '../../src/http/security/cross-origin.js';

const SITE = 'https://acces.zdl.org';

describe('checkCrossOrigin (Go CrossOriginProtection semantics)', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('always allows the safe method %s, even cross-site', (method) => {
    expect(checkCrossOrigin({ method, secFetchSite: 'cross-site', origin: 'https://evil.example' }, SITE)).toBe(
      'allow',
    );
  });

  it.each([
    // [description, secFetchSite, origin, expected]
    ['same-origin form post with Origin: null (Referrer-Policy no-referrer)', 'same-origin', 'null', 'allow'],
    ['same-origin with our Origin', 'same-origin', SITE, 'allow'],
    ['same-origin without Origin', 'same-origin', null, 'allow'],
    ['user-initiated (none)', 'none', null, 'allow'],
    ['cross-site', 'cross-site', 'https://evil.example', 'deny'],
    ['cross-site claiming our Origin', 'cross-site', SITE, 'deny'],
    ['same-site (another subdomain)', 'same-site', 'https://autre.zdl.org', 'deny'],
    ['unknown Sec-Fetch-Site value', 'weird', null, 'deny'],
    ['Sec-Fetch-Site is case-sensitive like Go', 'Same-Origin', SITE, 'deny'],
    ['no headers at all (curl, scripts)', null, null, 'allow'],
    ['empty headers count as absent', '', '', 'allow'],
    ['old browser, our Origin', null, SITE, 'allow'],
    ['old browser, foreign Origin', null, 'https://evil.example', 'deny'],
    ['old browser, Origin: null', null, 'null', 'deny'],
    ['old browser, other scheme', null, 'http://acces.zdl.org', 'deny'],
    ['old browser, other port', null, 'https://acces.zdl.org:8443', 'deny'],
  ] as const)('POST %s → %s', (_label, secFetchSite, origin, expected) => {
    expect(checkCrossOrigin({ method: 'POST', secFetchSite, origin }, SITE)).toBe(expected);
  });

  it('accepts the public URL (with a trailing path) as the trusted origin', () => {
    expect(checkCrossOrigin({ method: 'POST', origin: SITE }, `${SITE}/`)).toBe('allow');
    expect(checkCrossOrigin({ method: 'POST', origin: 'http://localhost:3000' }, 'http://localhost:3000')).toBe(
      'allow',
    );
  });

  it('checks every unsafe method', () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(checkCrossOrigin({ method, secFetchSite: 'cross-site' }, SITE)).toBe('deny');
    }
  });
});
