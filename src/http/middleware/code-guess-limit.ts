import type { H3Event } from 'h3';
import { hitRateLimit, type RateLimit, readRateLimit, secondsToNextWindow } from '../../auth/rate-limit.js';
import type { ActivationRefusal } from '../../flows/activation-refusal.js';
import type { AppContext } from '../app-context.js';
import { readClientIp } from '../client-address.js';
import { errorPageResponse, type Reply } from '../responses.js';
import { rateLimitSubject } from '../security/client-ip.js';

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

/** The 429 page when this client has used up its wrong guesses; null to go on. */
export async function refuseGuesser(event: H3Event, ctx: AppContext): Promise<Reply | null> {
  const now = ctx.clock();
  const count = await ctx.db.transaction((tx) => readRateLimit(tx, guessKey(event, ctx), CODE_GUESS_LIMIT, now), {
    readOnly: true,
  });
  if (count < CODE_GUESS_LIMIT.limit) return null;
  return errorPageResponse(429, { headers: { 'Retry-After': String(secondsToNextWindow(CODE_GUESS_LIMIT, now)) } });
}

/** Counts a refusal if the code matched no invitation at all (a dead one is its holder's). */
export async function countWrongGuess(event: H3Event, ctx: AppContext, refusal: ActivationRefusal): Promise<void> {
  if (refusal.code !== 'INVALID_INVITE' || refusal.details?.reason !== 'unknown') return;
  const now = ctx.clock();
  await ctx.db.transaction((tx) => hitRateLimit(tx, guessKey(event, ctx), CODE_GUESS_LIMIT, now));
}
