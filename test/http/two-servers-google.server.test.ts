import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { invitePerson, testIp, uniqueEmail } from '../support/http.js';
import { type MockGoogle, startMockGoogle } from '../support/mock-google.js';
import { type ServePair, send, startServePair } from '../support/serve-pair.js';

// The only state a person's browser carries between two requests is the Google flow cookie. It is
// sealed with a key derived from ZDL_GOOGLE_CLIENT_SECRET, never a key of the process: a flow
// started on one server finishes on the other (the compiled CLI: `npm run build` first).
let mock: MockGoogle;
let pair: ServePair;
beforeAll(async () => {
  mock = await startMockGoogle();
  pair = await startServePair({
    ZDL_GOOGLE_CLIENT_ID: 'zdl-deux-serveurs',
    ZDL_GOOGLE_CLIENT_SECRET: 'secret-partage-des-deux-serveurs',
    ZDL_GOOGLE_ISSUER: mock.issuer,
  });
}, 60_000);
afterAll(async () => {
  await pair?.close();
  await mock?.stop();
});

describe('Google activation across two zdl serve', () => {
  test('started on A, the callback on B activates the account, and the flow cannot be replayed on A', async () => {
    const invite = await invitePerson(pair.t.db, new Date());
    const email = uniqueEmail('google-deux');
    mock.setIdentity({ sub: 'google-sub-deux-serveurs', email });

    const started = await send(pair.a, '/activate', { ip: testIp(), fields: { code: invite.code, mode: 'google' } });
    expect(started.status).toBe(303);
    const cookie = String(started.headers['set-cookie']?.[0]).split(';')[0]!;
    expect(cookie).toMatch(/=./);
    const authorized = await fetch(started.headers.location!, { redirect: 'manual' });
    const callback = new URL(authorized.headers.get('location')!);
    expect(callback.pathname).toBe('/auth/google/callback');
    const back = callback.pathname + callback.search;

    const done = await send(pair.b, back, { ip: testIp(), headers: { Cookie: cookie } });
    expect(done.status, done.body).toBe(200);
    expect(done.body).toContain('Votre accès est activé');
    const accounts = await pair.t.db.transaction(
      (tx) => tx<{ email: string; google_sub: string }[]>`
        select email, google_sub from zdl.accounts where personne_id = ${invite.personId} and activated_at is not null`,
    );
    expect(accounts).toEqual([{ email, google_sub: 'google-sub-deux-serveurs' }]);

    const replayed = await send(pair.a, back, { ip: testIp(), headers: { Cookie: cookie } });
    expect(replayed.status).not.toBe(200);
    expect(replayed.body).toContain('Activation avec Google impossible');
  });
});
