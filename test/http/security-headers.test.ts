import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, securityHeaders } from '../../src/http/security/headers.js';

describe('securityHeaders', () => {
  it('sets the full header set', () => {
    const headers = securityHeaders();
    expect(headers).toMatchObject({
      'Content-Security-Policy':
        "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    expect(headers['Strict-Transport-Security']).toBeUndefined();
    expect(headers['Content-Security-Policy']).not.toContain('unsafe-inline');
  });

  it('adds form-action origins for the redirect to Google, reduced to origins', () => {
    const csp = securityHeaders({
      formActionOrigins: ['https://accounts.google.com/o/oauth2/v2/auth', 'https://accounts.google.com'],
    })['Content-Security-Policy'];
    expect(csp).toContain("form-action 'self' https://accounts.google.com;");
  });

  it('cannot be abused to inject directives', () => {
    expect(buildContentSecurityPolicy(['https://a.example/; script-src *'])).toContain(
      "form-action 'self' https://a.example;",
    );
    expect(() => buildContentSecurityPolicy(['javascript:alert(1)'])).toThrow();
    expect(() => buildContentSecurityPolicy(['not a url'])).toThrow();
  });

  it('adds HSTS on request', () => {
    expect(securityHeaders({ hsts: true })['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});
