import type { H3Event, Middleware } from 'h3';
import { hitRateLimit, hitRateLimitReading, type RateLimit, secondsToNextWindow } from '../../auth/rate-limit.js';
import type { ActivationRefusal } from '../../flows/activation-refusal.js';
import type { AppContext } from '../app-context.js';
import { readClientIp } from '../client-address.js';
import { errorPageResponse, type Reply } from '../responses.js';
import { rateLimitSubject } from '../security/client-ip.js';
import { createPostRateLimit } from './post-rate-limit.js';

/**
 * Guessing invitation codes is stopped by counting the codes that match nothing, per client
 * (its /64 for IPv6), not every activation: twenty volunteers behind one Wi-Fi activating their
 * own codes make no wrong guess, while a bot's guesses are all wrong. 10 per 15 minutes leaves
 * room for typos; at 55 bits per code, it makes online guessing hopeless.
 */
export const CODE_GUESS_LIMIT: RateLimit = { limit: 10, windowMs: 15 * 60_000 };

function guessKey(event: H3Event, ctx: AppContext): string {
  return `guess:invite:${rateLimitSubject(readClientIp(event, ctx.config.trustProxy))}`;
}

/** The wrong guesses the POST's rate limit read with its own hit, by request. */
const guessesSeen = new WeakMap<H3Event, { count: number; now: Date }>();

/** The activation form's POST limit, which reads this client's wrong guesses in the same statement. */
export function createActivateRateLimit(ctx: AppContext, route: string): Middleware {
  return createPostRateLimit(ctx, route, async (tx, event, key, rule, now) => {
    const guesses = { key: guessKey(event, ctx), rule: CODE_GUESS_LIMIT };
    const { allowed, readCount } = await hitRateLimitReading(tx, { key, rule }, guesses, now);
    guessesSeen.set(event, { count: readCount, now });
    return allowed;
  });
}

/**
 * The 429 page when this client has used up its wrong guesses; null to go on. The count is the
 * one createActivateRateLimit read with the POST's hit: the route it guards is the only caller.
 */
export function refuseGuesser(event: H3Event): Reply | null {
  const seen = guessesSeen.get(event);
  if (!seen) throw new Error('refuseGuesser: createActivateRateLimit must run before the handler');
  if (seen.count < CODE_GUESS_LIMIT.limit) return null;
  const retryAfter = secondsToNextWindow(CODE_GUESS_LIMIT, seen.now);
  return errorPageResponse(429, { headers: { 'Retry-After': String(retryAfter) } });
}

/** Counts a refusal if the code matched no invitation at all (a dead one is its holder's). */
export async function countWrongGuess(event: H3Event, ctx: AppContext, refusal: ActivationRefusal): Promise<void> {
  if (refusal.code !== 'INVALID_INVITE' || refusal.details?.reason !== 'unknown') return;
  const now = ctx.clock();
  await ctx.db.transaction((tx) => hitRateLimit(tx, guessKey(event, ctx), CODE_GUESS_LIMIT, now));
}
