// Security headers for every response, error pages included (h3 drops headers set in middleware from
// error responses unless they are passed on the error: the server must apply these in both paths).

export interface SecurityHeadersOptions {
  /**
   * Extra origins allowed by CSP `form-action`. Chromium (and CSP Level 3) also applies form-action to
   * the redirects that follow a form POST, so the 303 from POST /activate (mode=google) to Google's
   * authorization endpoint needs that endpoint's origin here, e.g. `https://accounts.google.com`.
   */
  formActionOrigins?: readonly string[];
  /** Adds Strict-Transport-Security; only when the public URL is https. */
  hsts?: boolean;
}

/** Reduces a URL to its origin; throws on anything that is not an absolute http(s) URL. */
function toOrigin(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`form-action origin must be http(s): ${value}`);
  }
  // `origin` re-serialises the URL, so no `;`, quote or space can reach the policy.
  return url.origin;
}

/** Builds the Content-Security-Policy value: no script at all, same-origin CSS, no framing. */
export function buildContentSecurityPolicy(formActionOrigins: readonly string[] = []): string {
  const formAction = ["'self'", ...new Set(formActionOrigins.map(toOrigin))].join(' ');
  return [
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The header record to set on every HTML response (and harmless on the others). */
export function securityHeaders(options: SecurityHeadersOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': buildContentSecurityPolicy(options.formActionOrigins),
    // Keeps reset tokens out of Referer; also why Chromium sends `Origin: null` on our own form posts.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Pages carry tokens and form state: never let a shared or back-button cache keep them.
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  };
  if (options.hsts) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}
