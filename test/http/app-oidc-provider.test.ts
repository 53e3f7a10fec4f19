import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGoogleClient } from '../../src/auth/google-oidc.js';
import { createGoogleActivation } from '../../src/http/routes/google.js';
import { useTestDatabase } from '../support/database.js';
import { invitePerson, makeApp, postForm, PUBLIC_URL, type TestApp } from '../support/http.js';
import { type StockProvider, startStockProvider } from '../support/oidc-provider.js';

// ZDL_GOOGLE_ISSUER may name any OpenID provider: zdl against panva's certified oidc-provider,
// stock — no Google-only `prompt`, e-mail claims read from UserInfo, a missing claim blamed on
// the provider.

const t = useTestDatabase();
const client = {
  clientId: 'zdl-oidc',
  clientSecret: 'secret-du-fournisseur-oidc',
  redirectUri: `${PUBLIC_URL}/auth/google/callback`,
};
let provider: StockProvider;
let h: TestApp;

beforeAll(async () => {
  provider = await startStockProvider(client);
  const google = await createGoogleActivation(createGoogleClient({ ...client, issuer: provider.issuer }), {
    publicUrl: PUBLIC_URL,
    clientSecret: client.clientSecret,
    issuer: provider.issuer,
  });
  h = makeApp(t, { google });
});
afterAll(() => provider.stop());

/** POST /activate in Google mode, through the provider's own pages, back to zdl's callback. */
async function activateThroughProvider(code: string): Promise<Response> {
  const start = await postForm(h.app, '/activate', { code, mode: 'google' });
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location')!);
  expect(authorization.searchParams.has('prompt')).toBe(false);
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const back = await provider.authorize(authorization.href);
  expect(back.origin + back.pathname).toBe(client.redirectUri);
  expect(back.searchParams.get('error')).toBeNull();
  return Promise.resolve(h.app.request(back.pathname + back.search, { headers: { cookie } }));
}

describe('a stock OpenID provider as ZDL_GOOGLE_ISSUER', () => {
  test('activates with the e-mail the provider gives at UserInfo', async () => {
    const invited = await invitePerson(t.db, h.clock());
    provider.setAccount({ sub: 'oidc-sub-ok', email: 'camille@oidc.example', email_verified: true });
    const done = await activateThroughProvider(invited.code);
    expect(await done.text()).toContain('Votre accès est activé');
    expect(done.status).toBe(200);
    const [account] = await t.db.transaction(
      (tx) => tx`select email, google_sub from zdl.accounts where personne_id = ${invited.personId}`,
    );
    expect(account).toEqual({ email: 'camille@oidc.example', google_sub: 'oidc-sub-ok' });
  });

  test('an address the provider did not verify is refused as unverified', async () => {
    const invited = await invitePerson(t.db, h.clock());
    provider.setAccount({ sub: 'oidc-sub-unverified', email: 'dominique@oidc.example', email_verified: false });
    const refused = await activateThroughProvider(invited.code);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('n’a pas confirmé votre adresse e-mail');
  });

  test('no e-mail at all: the page blames the provider, not the person, and the invitation stays usable', async () => {
    const invited = await invitePerson(t.db, h.clock());
    provider.setAccount({ sub: 'oidc-sub-no-email' });
    const refused = await activateThroughProvider(invited.code);
    expect(refused.status).toBe(502);
    expect(await refused.text()).toContain('ce n’est pas de votre fait');
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });
});
