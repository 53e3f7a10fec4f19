import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGoogleClient } from '../../src/auth/google-oidc.js';
import { deriveStateKey, openState, sealState } from '../../src/auth/signed-state.js';
import { isZdlError } from '../../src/errors.js';
import { startMockGoogle, type MockGoogle } from '../support/mock-google.js';

let mock: MockGoogle;
beforeAll(async () => (mock = await startMockGoogle()));
afterAll(() => mock.stop());

const settings = () => ({
  clientId: 'zdl-client',
  clientSecret: 'zdl-secret',
  issuer: mock.issuer,
  redirectUri: 'http://127.0.0.1:3999/auth/google/callback',
});

async function followAuthorize(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

describe('Google sign-in client', () => {
  test('PKCE + state + nonce round trip gives the verified identity', async () => {
    mock.setIdentity({ sub: 'sub-42', email: 'lea@gmail.example', email_verified: true });
    const client = createGoogleClient(settings());
    const start = await client.startAuthorization();
    expect(start.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(start.url.searchParams.get('state')).toBe(start.state);
    expect(start.url.searchParams.get('nonce')).toBe(start.nonce);
    const callback = await followAuthorize(start.url);
    expect(callback.pathname).toBe('/auth/google/callback');
    expect(await client.finishAuthorization(callback, start)).toEqual({ sub: 'sub-42', email: 'lea@gmail.example' });
    expect(await client.authorizationOrigin()).toBe(new URL(mock.issuer).origin);
  });

  test('a state mismatch is refused', async () => {
    const client = createGoogleClient(settings());
    const start = await client.startAuthorization();
    const callback = await followAuthorize(start.url);
    await expect(client.finishAuthorization(callback, { ...start, state: 'other' })).rejects.toSatisfy((e) =>
      isZdlError(e, 'GOOGLE_FAILED'),
    );
  });

  test('an unverified e-mail is refused', async () => {
    mock.setIdentity({ sub: 'sub-43', email: 'x@gmail.example', email_verified: false });
    const client = createGoogleClient(settings());
    const start = await client.startAuthorization();
    await expect(client.finishAuthorization(await followAuthorize(start.url), start)).rejects.toSatisfy((e) =>
      isZdlError(e, 'GOOGLE_EMAIL_UNVERIFIED'),
    );
  });

  test('consent refused (error=access_denied) is said as such', async () => {
    const client = createGoogleClient(settings());
    const start = await client.startAuthorization();
    const callback = new URL(`${settings().redirectUri}?error=access_denied&state=${start.state}`);
    await expect(client.finishAuthorization(callback, start)).rejects.toSatisfy((e) =>
      isZdlError(e, 'GOOGLE_CANCELLED'),
    );
  });

  test('an unreachable issuer is GOOGLE_UNAVAILABLE, and discovery is retried later', async () => {
    const client = createGoogleClient({ ...settings(), issuer: 'http://127.0.0.1:1' });
    await expect(client.startAuthorization()).rejects.toSatisfy((e) => isZdlError(e, 'GOOGLE_UNAVAILABLE'));
    await expect(client.startAuthorization()).rejects.toSatisfy((e) => isZdlError(e, 'GOOGLE_UNAVAILABLE'));
  });
});

describe('signed state', () => {
  const key = deriveStateKey('secret', 'test');
  const now = new Date('2026-11-27T12:00:00Z');

  test('round trip, then expiry', () => {
    const sealed = sealState({ inviteId: 7 }, key, new Date(now.getTime() + 60_000));
    expect(openState<{ inviteId: number }>(sealed, key, now)?.inviteId).toBe(7);
    expect(openState(sealed, key, new Date(now.getTime() + 61_000))).toBeNull();
  });

  test('forged, altered or foreign values are refused', () => {
    const sealed = sealState({ inviteId: 7 }, key, new Date(now.getTime() + 60_000));
    const [body, signature] = sealed.split('.');
    const altered = Buffer.from(JSON.stringify({ inviteId: 8, exp: now.getTime() + 60_000 })).toString('base64url');
    expect(openState(`${altered}.${signature}`, key, now)).toBeNull();
    expect(openState(`${body}.${signature}x`, key, now)).toBeNull();
    expect(openState(sealed, deriveStateKey('other', 'test'), now)).toBeNull();
    expect(openState(undefined, key, now)).toBeNull();
    expect(openState('garbage', key, now)).toBeNull();
  });
});
