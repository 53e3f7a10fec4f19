import type { Middleware } from 'h3';
import { checkCrossOrigin, toTrustedOrigin } from '../security/cross-origin.js';
import { errorPageResponse } from '../responses.js';

/**
 * Refuses cross-site POSTs (and any other unsafe method) with the French 403 page, decided as Go's
 * CrossOriginProtection does: Sec-Fetch-Site first, then Origin against ZDL_PUBLIC_URL's origin.
 */
export function createCrossOriginGuard(publicUrl: string): Middleware {
  const trustedOrigin = toTrustedOrigin(publicUrl);
  return (event) => {
    const decision = checkCrossOrigin(
      {
        method: event.req.method,
        secFetchSite: event.req.headers.get('sec-fetch-site'),
        origin: event.req.headers.get('origin'),
      },
      trustedOrigin,
    );
    return decision === 'deny' ? errorPageResponse(403) : undefined;
  };
}
