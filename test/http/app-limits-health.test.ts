import { describe, expect, test } from 'vitest';
import { startRateLimitCleanup } from '../../src/http/rate-limit-cleanup.js';
import { useTestDatabase } from '../support/database.js';
import { expectFrenchPage } from '../support/page-expectations.js';
import { useSwitchableDb } from '../support/switchable-db.js';
import { makeApp, postForm } from '../support/http.js';

const t = useTestDatabase();

const switchableDb = useSwitchableDb(() => t.db);

describe('per-IP rate limits', () => {
  test('every POST route counts per IP in PostgreSQL → 429 with Retry-After', async () => {
    const { app } = makeApp(t, { postRateLimit: { limit: 2, windowMs: 60_000 } });
    const ip = '192.0.2.10';
    const post = (path: string, from = ip) => postForm(app, path, { email: 'x' }, { ip: from });
    expect([(await post('/forgot-password')).status, (await post('/forgot-password')).status]).toEqual([422, 422]);
    const limited = await post('/forgot-password');
    await expectFrenchPage(limited, 429, 'Trop de tentatives');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post('/forgot-password', '192.0.2.11')).status).toBe(422);
    expect((await post('/activate')).status).toBe(422);
    expect((await post('/reset-password')).status).toBe(410);
    const rows = await t.db.transaction(
      (tx) => tx`select key, count from zdl.rate_limits where key like ${`%${ip}`} order by key`,
    );
    expect(rows.map((r) => [r.key, r.count])).toEqual([
      [`post:/activate:${ip}`, 1],
      [`post:/forgot-password:${ip}`, 3],
      [`post:/reset-password:${ip}`, 1],
    ]);
  });

  test('the server drops rate-limit windows older than a day', async () => {
    const now = new Date();
    await t.db.transaction(
      (tx) => tx`insert into zdl.rate_limits (key, window_start, count) values
      ('post:/old', ${new Date(now.getTime() - 2 * 86_400_000)}, 3), ('post:/recent', ${now}, 1)`,
    );
    const errors: string[] = [];
    const cleanup = startRateLimitCleanup({
      db: t.db,
      clock: () => now,
      log: { request: () => {}, error: (l) => errors.push(l) },
    });
    await cleanup.stop();
    const keys = await t.db.transaction(
      (tx) => tx`select key from zdl.rate_limits where key in ('post:/old', 'post:/recent')`,
    );
    expect(keys.map((k) => k.key)).toEqual(['post:/recent']);
    expect(errors).toEqual([]);
  });

  test('X-Forwarded-For picks the bucket only with ZDL_TRUST_PROXY', async () => {
    for (const [trust, expected] of [
      ['0', 429],
      ['1', 422],
    ] as const) {
      const { app } = makeApp(t, { postRateLimit: { limit: 1, windowMs: 60_000 }, env: { ZDL_TRUST_PROXY: trust } });
      const proxy = `198.51.100.${trust === '1' ? 2 : 1}`;
      const post = (client: string) =>
        postForm(app, '/activate', {}, { ip: proxy, headers: { 'X-Forwarded-For': client } });
      expect((await post('203.0.113.1')).status).toBe(422);
      expect((await post('203.0.113.2')).status).toBe(expected);
    }
  });
});

describe('health and logs', () => {
  test('/healthz is 503 while the database is down and recovers by itself', async () => {
    const db = switchableDb();
    const { app, logs } = makeApp(t, { db });
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    db.down = true;
    const down = await app.request('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
    await expectFrenchPage(await postForm(app, '/forgot-password', { email: 'a@b.fr' }), 503, 'Service indisponible');
    expect(logs.error.some((line) => line.includes('injoignable'))).toBe(true);
    db.down = false;
    const back = await app.request('/healthz');
    expect(back.status).toBe(200);
  });

  test('one line per request, without the query string or anything from the body', async () => {
    const { app, logs } = makeApp(t);
    await app.request('/activate?code=ZDL-SECRET-CODE1');
    await app.request(`/reset-password?token=${'T'.repeat(43)}`);
    await postForm(app, '/reset-password', { token: 'S'.repeat(43), otp: '123456', password: 'motdepasse-secret' });
    await app.request('/nope?x=1');
    expect(logs.request).toHaveLength(4);
    expect(logs.request[0]).toMatch(/^GET \/activate 200 \d+ms$/);
    expect(logs.request[1]).toMatch(/^GET \/reset-password 410 \d+ms$/);
    expect(logs.request[2]).toMatch(/^POST \/reset-password 410 \d+ms$/);
    expect(logs.request[3]).toMatch(/^GET \/nope 404 \d+ms$/);
    expect(logs.request.join('\n')).not.toMatch(/SECRET|TTTT|SSSS|123456|motdepasse|\?/);
  });
});
