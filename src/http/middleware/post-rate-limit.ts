import type { Middleware } from 'h3';
import { hitRateLimit, secondsToNextWindow } from '../../auth/rate-limit.js';
import type { AppContext } from '../app-context.js';
import { readClientIp } from '../client-address.js';
import { rateLimitSubject } from '../security/client-ip.js';
import { errorPageResponse } from '../responses.js';

/**
 * Counts each POST to `route` against the client's IP (its /64 for IPv6) in PostgreSQL (shared by every server),
 * before the body is read; over the limit, the French 429 page with Retry-After.
 */
export function createPostRateLimit(ctx: AppContext, route: string): Middleware {
  const rule = ctx.postRateLimit;
  return async (event, next) => {
    const subject = rateLimitSubject(readClientIp(event, ctx.config.trustProxy));
    const now = ctx.clock();
    const allowed = await ctx.db.transaction((tx) => hitRateLimit(tx, `post:${route}:${subject}`, rule, now));
    if (!allowed) {
      return errorPageResponse(429, { headers: { 'Retry-After': String(secondsToNextWindow(rule, now)) } });
    }
    return next();
  };
}
