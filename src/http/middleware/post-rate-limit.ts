import type { H3Event, Middleware } from 'h3';
import { hitRateLimit, type RateLimit, secondsToNextWindow } from '../../auth/rate-limit.js';
import type { Sql } from '../../db/client.js';
import type { AppContext } from '../app-context.js';
import { readClientIp } from '../client-address.js';
import { rateLimitSubject } from '../security/client-ip.js';
import { errorPageResponse } from '../responses.js';

/** Counts the hit on `key` and says whether it is within `rule`; a route may read more in the same statement. */
export type PostHit = (tx: Sql, event: H3Event, key: string, rule: RateLimit, now: Date) => Promise<boolean>;

const countHit: PostHit = (tx, _event, key, rule, now) => hitRateLimit(tx, key, rule, now);

/**
 * Counts each POST to `route` against the client's IP (its /64 for IPv6) in PostgreSQL (shared by every server),
 * before the body is read; over the limit, the French 429 page with Retry-After.
 */
export function createPostRateLimit(ctx: AppContext, route: string, hit: PostHit = countHit): Middleware {
  const rule = ctx.postRateLimit;
  return async (event, next) => {
    const subject = rateLimitSubject(readClientIp(event, ctx.config.trustProxy));
    const now = ctx.clock();
    const allowed = await ctx.db.transaction((tx) => hit(tx, event, `post:${route}:${subject}`, rule, now));
    if (!allowed) {
      return errorPageResponse(429, { headers: { 'Retry-After': String(secondsToNextWindow(rule, now)) } });
    }
    return next();
  };
}
