import { OAuth2Server } from 'oauth2-mock-server';
import { createGoogleClient } from '../../src/auth/google-oidc.js';
import { createGoogleActivation } from '../../src/http/routes/google.js';

// oauth2-mock-server as Google's issuer on 127.0.0.1: its /authorize redirects straight back
// with a code; each test chooses the identity in the ID token it then signs.

export interface MockIdentity {
  sub: string;
  email: string;
  email_verified?: boolean;
}

export interface MockGoogle {
  issuer: string;
  /** The identity put in the next ID tokens (until changed). */
  setIdentity(identity: MockIdentity): void;
  stop(): Promise<void>;
}

export async function startMockGoogle(): Promise<MockGoogle> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  let identity: MockIdentity = { sub: 'google-sub-1', email: 'person@gmail.example', email_verified: true };
  server.service.on('beforeTokenSigning', (token) => {
    Object.assign(token.payload, { email_verified: true, ...identity });
  });
  return {
    issuer: server.issuer.url!,
    setIdentity: (next) => (identity = next),
    stop: () => server.stop(),
  };
}

/** zdl's Google activation wired to the mock issuer, as `zdl serve` wires it to Google. */
export function createMockGoogleActivation(mock: MockGoogle, publicUrl: string) {
  const client = createGoogleClient({
    clientId: 'zdl',
    clientSecret: 'secret',
    issuer: mock.issuer,
    redirectUri: `${publicUrl}/auth/google/callback`,
  });
  return createGoogleActivation(client, { publicUrl, clientSecret: 'secret', issuer: mock.issuer });
}
