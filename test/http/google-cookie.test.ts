import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { revokeAccess } from '../../src/auth/access.js';
import { createGoogleClient, type GoogleClient } from '../../src/auth/google-oidc.js';
import { ZdlError } from '../../src/errors.js';
import { createGoogleActivation } from '../../src/http/routes/google.js';
import { useTestDatabase } from '../support/database.js';
import { invitePerson, makeApp, postForm, PUBLIC_URL, type TestApp } from '../support/http.js';
import { type MockGoogle, startMockGoogle } from '../support/mock-google.js';

// The Google flow's cookie (state, nonce, PKCE verifier, invitation id) is single-use: every
// callback answer clears it, success, refusal or failure, so it can never be replayed.
const t = useTestDatabase();
let mock: MockGoogle;
let h: TestApp;
/** The same app, but the provider's token endpoint is unreachable at callback time. */
let down: TestApp;

beforeAll(async () => {
  mock = await startMockGoogle();
  const options = { clientId: 'zdl', clientSecret: 'secret', issuer: mock.issuer };
  const client = createGoogleClient({ ...options, redirectUri: `${PUBLIC_URL}/auth/google/callback` });
  const activation = { publicUrl: PUBLIC_URL, clientSecret: 'secret', issuer: mock.issuer };
  h = makeApp(t, { google: await createGoogleActivation(client, activation) });
  const unreachable: GoogleClient = {
    ...client,
    finishAuthorization: async () => {
      throw new ZdlError('GOOGLE_UNAVAILABLE', 'operational', 'Google injoignable : ECONNREFUSED');
    },
  };
  down = makeApp(t, { google: await createGoogleActivation(unreachable, activation) });
});
afterAll(() => mock.stop());

async function startGoogle(app: TestApp, code: string) {
  const start = await postForm(app.app, '/activate', { code, mode: 'google' });
  expect(start.status).toBe(303);
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = new URL(authorize.headers.get('location')!);
  return { callback: back.pathname + back.search, cookie };
}

async function callback(app: TestApp, url: string, cookie?: string) {
  const response = await Promise.resolve(app.app.request(url, { headers: cookie ? { cookie } : {} }));
  return { status: response.status, setCookie: response.headers.get('set-cookie') ?? '' };
}

const CLEARED = /zdl_google=; Path=\/auth\/google; Max-Age=0/;

describe('the Google flow cookie is cleared on every callback outcome', () => {
  test('success, then the same callback again', async () => {
    const invited = await invitePerson(t.db, h.clock());
    mock.setIdentity({ sub: 'cookie-ok', email: 'cookie-ok@gmail.example', email_verified: true });
    const { callback: url, cookie } = await startGoogle(h, invited.code);
    const done = await callback(h, url, cookie);
    expect(done).toMatchObject({ status: 200, setCookie: expect.stringMatching(CLEARED) });
    expect(await callback(h, url, cookie)).toMatchObject({ status: 400, setCookie: expect.stringMatching(CLEARED) });
  });

  test('no cookie, a forged state, consent refused, an unverified e-mail', async () => {
    const invited = await invitePerson(t.db, h.clock());
    mock.setIdentity({ sub: 'cookie-unverified', email: 'u@gmail.example', email_verified: false });
    const { callback: url, cookie } = await startGoogle(h, invited.code);
    const state = new URL(url, PUBLIC_URL).searchParams.get('state')!;
    const outcomes = [
      await callback(h, url),
      await callback(h, url.replace(/state=[^&]+/, 'state=forged'), cookie),
      await callback(h, `/auth/google/callback?error=access_denied&state=${state}`, cookie),
      await callback(h, url, cookie),
    ];
    expect(outcomes.map((o) => o.status)).toEqual([400, 400, 400, 400]);
    for (const outcome of outcomes) expect(outcome.setCookie).toMatch(CLEARED);
  });

  test('access revoked meanwhile (403) and an expired invitation (410)', async () => {
    mock.setIdentity({ sub: 'cookie-refused', email: 'r@gmail.example', email_verified: true });
    const revoked = await invitePerson(t.db, h.clock());
    const a = await startGoogle(h, revoked.code);
    await t.db.transaction((tx) => revokeAccess(tx, revoked.personId, { actor: 'cli:test', now: h.clock() }));
    expect(await callback(h, a.callback, a.cookie)).toMatchObject({
      status: 403,
      setCookie: expect.stringMatching(CLEARED),
    });
    const late = await invitePerson(t.db, h.clock(), { validityMs: 60_000 });
    const b = await startGoogle(h, late.code);
    h.clock.advance(120_000);
    expect(await callback(h, b.callback, b.cookie)).toMatchObject({
      status: 410,
      setCookie: expect.stringMatching(CLEARED),
    });
  });

  test('Google unreachable at callback time: a French 503, the cookie cleared all the same', async () => {
    const invited = await invitePerson(t.db, down.clock());
    const { callback: url, cookie } = await startGoogle(down, invited.code);
    const response = await Promise.resolve(down.app.request(url, { headers: { cookie } }));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('indisponible');
    expect(response.headers.get('set-cookie')).toMatch(CLEARED);
  });
});
