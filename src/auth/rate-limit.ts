import type { Sql } from '../db/client.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The start of the fixed window `now` falls in. */
function windowStartOf(rule: RateLimit, now: Date): Date {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

/**
 * Counts one hit on `key` in the current fixed window, in PostgreSQL so that every server
 * shares the count. Returns whether this hit is within the limit.
 */
export async function hitRateLimit(sql: Sql, key: string, rule: RateLimit, now: Date): Promise<boolean> {
  const [row] = await sql<{ count: number }[]>`${countHit(sql, key, rule, now)}`;
  return row!.count <= rule.limit;
}

/** The upsert that counts one hit, returning the window's count. */
function countHit(sql: Sql, key: string, rule: RateLimit, now: Date) {
  return sql`
    insert into zdl.rate_limits (key, window_start, count) values (${key}, ${windowStartOf(rule, now)}, 1)
    on conflict (key, window_start) do update set count = zdl.rate_limits.count + 1
    returning count`;
}

/**
 * hitRateLimit on `hit`, and the count on another key (without a hit), in one statement: a
 * POST's limit and the limit its handler checks next (the activation form's wrong guesses) for one
 * round trip.
 */
export async function hitRateLimitReading(
  sql: Sql,
  hit: { key: string; rule: RateLimit },
  read: { key: string; rule: RateLimit },
  now: Date,
): Promise<{ allowed: boolean; readCount: number }> {
  const [row] = await sql<{ count: number; read: number }[]>`
    with hit as (${countHit(sql, hit.key, hit.rule, now)})
    select hit.count, coalesce((${readCount(sql, read.key, read.rule, now)}), 0) as read from hit`;
  return { allowed: row!.count <= hit.rule.limit, readCount: row!.read };
}

/** Seconds until the current fixed window of `rule` ends (at least 1): the Retry-After of a 429. */
export function secondsToNextWindow(rule: RateLimit, now: Date): number {
  const windowEnd = windowStartOf(rule, now).getTime() + rule.windowMs;
  return Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
}

/** The hits on `key` in the current fixed window, without counting one. */
function readCount(sql: Sql, key: string, rule: RateLimit, now: Date) {
  return sql`select r.count from zdl.rate_limits r where r.key = ${key} and r.window_start = ${windowStartOf(rule, now)}`;
}

/** Old windows are useless; the server drops them now and then. */
export async function deleteExpiredRateLimits(sql: Sql, now: Date, keepMs = 86_400_000): Promise<number> {
  const result = await sql`delete from zdl.rate_limits where window_start < ${new Date(now.getTime() - keepMs)}`;
  return result.count;
}
