// Cross-site request forgery check, mirroring Go's net/http CrossOriginProtection.Check (Go 1.25):
//   1. GET, HEAD, OPTIONS are safe methods: always allowed (they must never change state).
//   2. Sec-Fetch-Site present: `same-origin` or `none` (typed URL, bookmark) allow; any other value
//      (`same-site`, `cross-site`, unknown) denies, whatever Origin says.
//   3. No Sec-Fetch-Site, no Origin: same-origin or non-browser client (curl, scripts): allow.
//   4. Origin equal to the trusted origin: allow. Otherwise deny.
// Difference from Go, on purpose: Go compares Origin's host with the Host header; we compare the whole
// Origin with ZDL_PUBLIC_URL's origin (Host can be rewritten by a proxy, and we never trust it). We use
// neither Go's AddTrustedOrigin exemptions nor its bypass patterns.
// Sec-Fetch-Site must be decided first: with `Referrer-Policy: no-referrer`, Chromium sends
// `Origin: null` together with `Sec-Fetch-Site: same-origin` on the page's own form posts.

export interface CrossOriginRequest {
  method: string;
  /** The Sec-Fetch-Site header (null/undefined/'' when absent). */
  secFetchSite?: string | null | undefined;
  /** The Origin header (null/undefined/'' when absent). */
  origin?: string | null | undefined;
}

export type CrossOriginDecision = 'allow' | 'deny';

// Case-sensitive like Go: methods are case-sensitive tokens (Request normalises get → GET anyway).
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin (scheme://host[:port]) of a URL such as ZDL_PUBLIC_URL; an origin is returned as-is. */
export function toTrustedOrigin(publicUrl: string): string {
  return new URL(publicUrl).origin;
}

/** Decides whether a request may proceed; `trustedOrigin` is the site's own origin (or its public URL). */
export function checkCrossOrigin(request: CrossOriginRequest, trustedOrigin: string): CrossOriginDecision {
  if (SAFE_METHODS.has(request.method)) return 'allow';
  const secFetchSite = request.secFetchSite ?? '';
  if (secFetchSite !== '') {
    return secFetchSite === 'same-origin' || secFetchSite === 'none' ? 'allow' : 'deny';
  }
  const origin = request.origin ?? '';
  if (origin === '') return 'allow';
  return origin === toTrustedOrigin(trustedOrigin) ? 'allow' : 'deny';
}
