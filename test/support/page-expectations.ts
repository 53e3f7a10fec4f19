import { expect } from 'vitest';

/** The headers every zdl response carries (src/http/security/headers.ts). */
export function expectSecurityHeaders(response: Response, cacheControl = 'no-store') {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('cache-control')).toBe(cacheControl);
  expect(response.headers.get('strict-transport-security')).toContain('max-age=');
}

/** A French HTML page with this status, the security headers and this text; returns the page. */
export async function expectFrenchPage(response: Response, status: number, text: string) {
  expect(response.status).toBe(status);
  expectSecurityHeaders(response);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const page = await response.text();
  expect(page).toContain('<html lang="fr">');
  expect(page).toContain(text);
  return page;
}
