import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { invitePerson, makeApp, postForm, PUBLIC_URL, readOutbox, type TestApp } from '../support/http.js';
import { createMockGoogleActivation, startMockGoogle, type MockGoogle } from '../support/mock-google.js';

const t = useTestDatabase();
let mock: MockGoogle;
let h: TestApp;

beforeAll(async () => {
  mock = await startMockGoogle();
  const google = await createMockGoogleActivation(mock, PUBLIC_URL);
  h = makeApp(t, { google });
});
afterAll(() => mock.stop());

/** POST /activate in Google mode, then the provider's redirect back: the callback request to make. */
async function startGoogle(code: string): Promise<{ callback: string; cookie: string; start: Response }> {
  const start = await postForm(h.app, '/activate', { code, mode: 'google' });
  expect(start.status).toBe(303);
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = new URL(authorize.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/auth/google/callback`);
  return { callback: back.pathname + back.search, cookie, start };
}

const get = (url: string, cookie?: string) =>
  Promise.resolve(h.app.request(url, { headers: cookie ? { cookie } : {} }));

async function accountOf(personId: number) {
  const rows = await t.db.transaction(
    (tx) => tx`select email, google_sub, password_hash from zdl.accounts where personne_id = ${personId}`,
  );
  return rows[0];
}

describe('activation with Google', () => {
  test('the form offers Google and the CSP lets the form post lead to the provider', async () => {
    const page = await get('/activate');
    expect(await page.text()).toContain('value="google"');
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${new URL(mock.issuer).origin}`);
  });

  test('code → provider → callback links the account by sub, spends the invitation, audits and e-mails', async () => {
    const invited = await invitePerson(t.db, h.clock());
    mock.setIdentity({ sub: 'google-sub-ok', email: 'camille@gmail.example', email_verified: true });
    const { callback, cookie, start } = await startGoogle(invited.code);
    const setCookie = start.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Secure/); // the public URL is https
    expect(setCookie).not.toContain(invited.code);
    const done = await get(callback, cookie);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Votre accès est activé');
    expect(done.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await accountOf(invited.personId)).toMatchObject({
      email: 'camille@gmail.example',
      google_sub: 'google-sub-ok',
      password_hash: null,
    });
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).not.toBeNull();
    const [audit] = await t.db.transaction(
      (tx) =>
        tx`select actor, detail from zdl.audit_log where personne_id = ${invited.personId} and action = 'access.activated'`,
    );
    expect(audit).toMatchObject({ actor: 'web', detail: { method: 'google' } });
    await h.app.settle();
    expect(
      readOutbox(h.outbox).some((m) => m.template === 'access_activated' && m.to[0]!.email === 'camille@gmail.example'),
    ).toBe(true);
    // The same callback again: the invitation is spent.
    expect((await get(callback, cookie)).status).toBeGreaterThanOrEqual(400);
  });

  test('an invalid code never leaves for the provider', async () => {
    const response = await postForm(h.app, '/activate', { code: 'ZDL-000000-00000', mode: 'google' });
    expect(response.status).toBe(422);
    expect(response.headers.get('location')).toBeNull();
  });

  test('no cookie, or a state that does not match: refused, nothing written', async () => {
    const invited = await invitePerson(t.db, h.clock());
    const { callback, cookie } = await startGoogle(invited.code);
    const noCookie = await get(callback);
    expect(noCookie.status).toBe(400);
    expect(await noCookie.text()).toContain('Recommencez');
    const tampered = callback.replace(/state=[^&]+/, 'state=forged');
    expect((await get(tampered, cookie)).status).toBe(400);
    expect(await accountOf(invited.personId)).toBeUndefined();
  });

  test('consent refused at the provider gets a French page', async () => {
    const invited = await invitePerson(t.db, h.clock());
    const { callback, cookie } = await startGoogle(invited.code);
    const state = new URL(callback, PUBLIC_URL).searchParams.get('state')!;
    const refused = await get(`/auth/google/callback?error=access_denied&state=${state}`, cookie);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('annulé');
    // The flow's cookie is cleared and the invitation is still there for another try.
    expect(refused.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await accountOf(invited.personId)).toBeUndefined();
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });

  test('an unverified Google e-mail is refused', async () => {
    const invited = await invitePerson(t.db, h.clock());
    mock.setIdentity({ sub: 'google-sub-unverified', email: 'x@gmail.example', email_verified: false });
    const { callback, cookie } = await startGoogle(invited.code);
    expect((await get(callback, cookie)).status).toBe(400);
    expect(await accountOf(invited.personId)).toBeUndefined();
  });

  test('an invitation that expired during the round trip: refused, nothing half-written', async () => {
    const invited = await invitePerson(t.db, h.clock(), { validityMs: 60_000 });
    mock.setIdentity({ sub: 'google-sub-late', email: 'late@gmail.example', email_verified: true });
    const { callback, cookie } = await startGoogle(invited.code);
    h.clock.advance(120_000);
    const late = await get(callback, cookie);
    expect(late.status).toBe(410);
    expect(await accountOf(invited.personId)).toBeUndefined();
  });

  test('a Google account already linked to another person: refused, the invitation stays pending', async () => {
    const first = await invitePerson(t.db, h.clock(), { prenom: 'Premier' });
    mock.setIdentity({ sub: 'google-sub-shared', email: 'shared@gmail.example', email_verified: true });
    const a = await startGoogle(first.code);
    expect((await get(a.callback, a.cookie)).status).toBe(200);
    const second = await invitePerson(t.db, h.clock(), { prenom: 'Second' });
    mock.setIdentity({ sub: 'google-sub-shared', email: 'other@gmail.example', email_verified: true });
    const b = await startGoogle(second.code);
    const refused = await get(b.callback, b.cookie);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('déjà relié');
    expect(await accountOf(second.personId)).toBeUndefined();
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${second.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });

  test('revoked access at callback time is refused', async () => {
    const invited = await invitePerson(t.db, h.clock());
    mock.setIdentity({ sub: 'google-sub-revoked', email: 'revoked@gmail.example', email_verified: true });
    const { callback, cookie } = await startGoogle(invited.code);
    const { revokeAccess } = await import('../../src/auth/access.js');
    await t.db.transaction((tx) => revokeAccess(tx, invited.personId, { actor: 'cli:test', now: h.clock() }));
    const refused = await get(callback, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('révoqué');
  });
});

describe('without Google configured', () => {
  test('the option is hidden and mode=google is refused', async () => {
    const plain = makeApp(t);
    const page = await Promise.resolve(plain.app.request('/activate'));
    expect(await page.text()).not.toContain('value="google"');
    const invited = await invitePerson(t.db, plain.clock());
    const response = await postForm(plain.app, '/activate', { code: invited.code, mode: 'google' });
    expect(response.status).toBe(422);
    expect((await Promise.resolve(plain.app.request('/auth/google/callback?code=x'))).status).toBe(404);
  });
});
