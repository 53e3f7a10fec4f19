import { describe, expect, test } from 'vitest';
import { ZdlError } from '../../src/errors.js';
import { useTestDatabase } from '../support/database.js';
import { invitePerson, makeApp, postForm } from '../support/http.js';

const t = useTestDatabase();

describe('POST /activate with mode=google', () => {
  test('mode=google without Google configured is refused', async () => {
    const { app, clock } = makeApp(t);
    const invited = await invitePerson(t.db, clock());
    const response = await postForm(app, '/activate', { code: invited.code, mode: 'google' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Google n’est pas disponible');
  });

  // A stand-in for the Google seam (the real one runs against a mock provider in app-google.test.ts):
  // it records whom it was handed and answers the callback as the seam's contract says.
  function makeGoogleSeamApp() {
    const seen: unknown[] = [];
    const h = makeApp(t, {
      google: {
        formActionOrigins: ['https://accounts.google.com'],
        start: async (_event, invite) => {
          seen.push(invite.holder.personne_id);
          return new Response(null, {
            status: 303,
            headers: { Location: 'https://accounts.google.com/o/oauth2/auth' },
          });
        },
        callback: async (event) => {
          const failure = event.url.searchParams.get('error');
          if (failure === 'access_denied')
            throw new ZdlError('GOOGLE_CANCELLED', 'invalid', 'Vous avez annulé la connexion avec Google.');
          if (failure === 'down')
            throw new ZdlError('GOOGLE_UNAVAILABLE', 'operational', 'Google injoignable (secret: discovery failed)');
          return new Response('callback');
        },
      },
    });
    return { ...h, seen };
  }

  test('mode=google hands a pending invitation to the Google seam, the CSP lets the form lead there', async () => {
    const { app, clock, seen } = makeGoogleSeamApp();
    const invited = await invitePerson(t.db, clock());
    const form = await (await app.request('/activate')).text();
    expect(form).toContain('value="google"');
    const redirect = await postForm(app, '/activate', { code: invited.code, mode: 'google' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('content-security-policy')).toContain("form-action 'self' https://accounts.google.com");
    expect(seen).toEqual([invited.personId]);
  });

  test('mode=google with a bad code is refused by the page itself, never handed to the seam', async () => {
    const { app, seen } = makeGoogleSeamApp();
    expect((await postForm(app, '/activate', { code: 'ZDL-0000AA-00000', mode: 'google' })).status).toBe(422);
    expect(seen).toEqual([]);
  });

  test('the callback route is the seam’s', async () => {
    const { app } = makeGoogleSeamApp();
    expect((await app.request('/auth/google/callback?code=x&state=y')).status).toBe(200);
  });

  test('a refusal the seam throws becomes its French message on a page with the security headers', async () => {
    const { app } = makeGoogleSeamApp();
    const cancelled = await app.request('/auth/google/callback?error=access_denied');
    expect(cancelled.status).toBe(400);
    expect(cancelled.headers.get('x-frame-options')).toBe('DENY');
    expect(await cancelled.text()).toContain('Vous avez annulé la connexion avec Google.');
  });

  test('an operational failure the seam throws is a 503 that leaks nothing, logged once', async () => {
    const { app, logs } = makeGoogleSeamApp();
    const down = await app.request('/auth/google/callback?error=down');
    expect(down.status).toBe(503);
    expect(await down.text()).not.toContain('discovery');
    expect(logs.error).toHaveLength(1);
  });
});
