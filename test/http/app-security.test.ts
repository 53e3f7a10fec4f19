import { describe, expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { expectFrenchPage, expectSecurityHeaders } from '../support/page-expectations.js';
import { useSwitchableDb } from '../support/switchable-db.js';
import { makeApp, postForm, PUBLIC_URL } from '../support/http.js';

const t = useTestDatabase();

const switchableDb = useSwitchableDb(() => t.db);

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
