import { afterAll, describe, expect, test } from 'vitest';
import { connectServer, type Database } from '../../src/db/client.js';
import { startRateLimitCleanup } from '../../src/http/rate-limit-cleanup.js';
import { useTestDatabase } from '../support/database.js';
import { makeApp, postForm, PUBLIC_URL } from '../support/http.js';

const t = useTestDatabase();

// A server that refuses connections: real driver errors, as when the database is down.
const deadDb = connectServer('postgres://postgres@127.0.0.1:9/zdl', { max: 1 });
afterAll(() => deadDb.close());

/** The test database, or the dead one while `down` is set; or a plain bug while `broken` is set. */
function switchableDb(): Database & { down: boolean; broken: boolean } {
  const state = { down: false, broken: false };
  return Object.assign(state, {
    kind: t.db.kind,
    location: t.db.location,
    transaction<T>(fn: Parameters<Database['transaction']>[0]): Promise<T> {
      if (state.broken)
        return Promise.reject(new Error('relation "zdl.secrets" does not exist\n    at Parser.parse (pg.js:1:1)'));
      return (state.down ? deadDb : t.db).transaction(fn) as Promise<T>;
    },
    close: async () => {},
  });
}

function expectSecurityHeaders(response: Response, cacheControl = 'no-store') {
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

async function expectFrenchPage(response: Response, status: number, text: string) {
  expect(response.status).toBe(status);
  expectSecurityHeaders(response);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const page = await response.text();
  expect(page).toContain('<html lang="fr">');
  expect(page).toContain(text);
  return page;
}

describe('security headers on every response', () => {
  test('pages, JSON and the stylesheet', async () => {
    const { app } = makeApp(t);
    for (const path of ['/', '/activate', '/forgot-password'])
      await expectFrenchPage(await app.request(path), 200, '</html>');
    expectSecurityHeaders(await app.request('/healthz'));
    const css = await app.request('/assets/style.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expectSecurityHeaders(css, 'public, max-age=3600');
    const head = await app.request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('404, 405 and 400 are French pages', async () => {
    const { app } = makeApp(t);
    await expectFrenchPage(await app.request('/nulle-part'), 404, 'Page introuvable');
    const wrongMethod = await app.request('/healthz', { method: 'POST' });
    await expectFrenchPage(wrongMethod, 405, 'Méthode non autorisée');
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    expect((await app.request('/activate', { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD, POST');
    await expectFrenchPage(await app.request('/%zz'), 400, 'Requête invalide');
  });

  test('an unexpected error is a French 500 page without details, and one line on stderr', async () => {
    const db = switchableDb();
    const { app, logs } = makeApp(t, { db });
    db.broken = true;
    const page = await expectFrenchPage(
      await app.request(`/reset-password?token=${'a'.repeat(43)}`),
      500,
      'Erreur inattendue',
    );
    expect(page).not.toMatch(/relation|zdl\.secrets|Parser|at /);
    expect(logs.error).toHaveLength(1);
    expect(logs.error[0]).toMatch(
      /^Erreur inattendue \(GET \/reset-password\) : Error: relation "zdl.secrets" does not exist/,
    );
    expect(logs.error[0]).not.toContain('\n');
    expect(logs.error[0]).not.toContain('a'.repeat(43));
  });
});

describe('cross-site POSTs', () => {
  const cases: [string, Record<string, string>, number][] = [
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: PUBLIC_URL }, 403],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }, 403],
    ['a foreign Origin without Sec-Fetch-Site', { Origin: 'https://evil.example' }, 403],
    [
      'Origin: null with Sec-Fetch-Site: same-origin (Chromium with no-referrer)',
      { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
      422,
    ],
    ['Sec-Fetch-Site: none', { 'Sec-Fetch-Site': 'none' }, 422],
    ['our own Origin', { Origin: PUBLIC_URL }, 422],
    ['no header at all (curl)', {}, 422],
  ];
  test.each(cases)('%s', async (_label, headers, status) => {
    const { app } = makeApp(t);
    const response = await postForm(app, '/forgot-password', { email: 'pas-une-adresse' }, { headers });
    if (status === 403) await expectFrenchPage(response, 403, 'Requête refusée');
    else expect(response.status).toBe(status);
  });
});

describe('bodies', () => {
  test('over 16 KiB → 413, and the connection is not kept', async () => {
    const { app } = makeApp(t);
    const response = await postForm(app, '/forgot-password', { email: 'a@b.fr', filler: 'x'.repeat(16 * 1024) });
    await expectFrenchPage(response, 413, 'Requête trop volumineuse');
    expect(response.headers.get('connection')).toBe('close');
  });

  test('anything but a form-encoded body → 415', async () => {
    const { app } = makeApp(t);
    for (const type of ['application/json', 'multipart/form-data; boundary=x', 'text/plain']) {
      const response = await app.request('/activate', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: '{"code":"x"}',
      });
      await expectFrenchPage(response, 415, 'Format non pris en charge');
    }
  });
});

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
