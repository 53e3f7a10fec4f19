import { describe, expect, test } from 'vitest';
import { createGoogleClient } from '../../src/auth/google-oidc.js';
import { issueInvite } from '../../src/invites/issue-invite.js';
import { createGoogleActivation } from '../../src/http/routes/google.js';
import { TEST_INVITE_KEYS, useTestDatabase } from '../support/database.js';
import {
  GOOD_PASSWORD,
  inputValue,
  invitePerson,
  makeApp,
  postForm,
  PUBLIC_URL,
  uniqueEmail,
} from '../support/http.js';

// An invitation link opened a second time, a week late or after a new code says so before any
// typing, with the next step; an unknown code still opens the plain form.

const t = useTestDatabase();

async function open(app: ReturnType<typeof makeApp>['app'], code: string) {
  const response = await app.request(`/activate?code=${encodeURIComponent(code)}`);
  return { status: response.status, page: await response.text() };
}

describe('an invitation link opened again', () => {
  test('already used: « Votre accès est déjà activé », with « Mot de passe oublié »', async () => {
    const { app, clock } = makeApp(t);
    const invited = await invitePerson(t.db, clock(), { email: uniqueEmail('deja') });
    const fields = {
      code: invited.code,
      mode: 'password',
      email: invited.email!,
      password: GOOD_PASSWORD,
      password_confirm: GOOD_PASSWORD,
    };
    expect((await postForm(app, '/activate', fields)).status).toBe(200);
    const again = await open(app, invited.code);
    expect(again.status).toBe(410);
    expect(again.page).toContain('Votre accès est déjà activé');
    expect(again.page).toContain('href="/forgot-password"');
    expect(again.page).not.toContain('name="password"');
  });

  test('expired, or replaced by a newer code: « Ce lien n’est plus valable » and how to get a new one', async () => {
    const { app, clock } = makeApp(t);
    const expired = await invitePerson(t.db, clock(), { validityMs: 60_000 });
    const replaced = await invitePerson(t.db, clock());
    await t.db.transaction((tx) =>
      issueInvite(tx, replaced.personId, { actor: 'cli:test', now: clock(), keys: TEST_INVITE_KEYS }),
    );
    clock.advance(120_000);
    const late = await open(app, expired.code);
    expect(late.status).toBe(410);
    expect(late.page).toContain('Ce lien n’est plus valable');
    expect(late.page).toContain('a expiré');
    const old = await open(app, replaced.code);
    expect(old.status).toBe(410);
    expect(old.page).toContain('remplacée ou annulée');
  });

  test('a live, unknown or malformed code opens the form with the code filled in', async () => {
    const { app, clock } = makeApp(t);
    const live = await invitePerson(t.db, clock());
    for (const code of [live.code, 'ZDL-0000AA-00000', 'n’importe quoi']) {
      const opened = await open(app, code);
      expect(opened.status).toBe(200);
      expect(inputValue(opened.page, 'code')).toBe(code);
    }
  });

  test('Google unavailable: the form comes back as typed, code kept, with a way forward (503)', async () => {
    const client = createGoogleClient({
      clientId: 'zdl',
      clientSecret: 'secret',
      issuer: 'http://127.0.0.1:9', // nothing listens: discovery fails
      redirectUri: `${PUBLIC_URL}/auth/google/callback`,
    });
    const google = await createGoogleActivation(client, {
      publicUrl: PUBLIC_URL,
      clientSecret: 'secret',
      issuer: 'http://127.0.0.1:9',
    });
    const { app, clock, logs } = makeApp(t, { google });
    const invited = await invitePerson(t.db, clock());
    const response = await postForm(app, '/activate', { code: invited.code, mode: 'google' });
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain('La connexion avec Google est indisponible pour le moment : choisissez un mot de passe');
    expect(inputValue(page, 'code')).toBe(invited.code);
    expect(logs.error.join('\n')).toContain('Google indisponible');
  });
});
