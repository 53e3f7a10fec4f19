import * as oidc from 'openid-client';
import { ZdlError } from '../errors.js';

// Google sign-in with openid-client: authorization code flow with PKCE, state and nonce. The
// issuer's metadata is discovered on first use and kept; a failed discovery is retried later.

export interface GoogleSettings {
  clientId: string;
  clientSecret: string;
  issuer: string;
  redirectUri: string;
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface GoogleIdentity {
  sub: string;
  email: string;
}

export interface GoogleClient {
  startAuthorization(): Promise<AuthorizationStart>;
  finishAuthorization(callbackUrl: URL, checks: Omit<AuthorizationStart, 'url'>): Promise<GoogleIdentity>;
  /** Where the browser is sent: the CSP's form-action must allow it (redirect after POST). */
  authorizationOrigin(): Promise<string>;
}

function unavailable(cause: unknown): ZdlError {
  return new ZdlError(
    'GOOGLE_UNAVAILABLE',
    'operational',
    'La connexion avec Google est indisponible pour le moment. Réessayez plus tard ou choisissez un mot de passe.',
    { cause },
  );
}

// Plain http is only accepted for a loopback issuer: the local mock used by the tests.
function isLoopbackHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

export function createGoogleClient(settings: GoogleSettings): GoogleClient {
  let configuration: Promise<oidc.Configuration> | undefined;
  const discover = () => {
    const issuer = new URL(settings.issuer);
    configuration ??= oidc
      .discovery(
        issuer,
        settings.clientId,
        { redirect_uris: [settings.redirectUri] },
        oidc.ClientSecretPost(settings.clientSecret),
        {
          execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw unavailable(error);
      });
    return configuration;
  };

  return {
    async startAuthorization() {
      const config = await discover();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        prompt: 'select_account',
      });
      return { url, state, nonce, codeVerifier };
    },

    async finishAuthorization(callbackUrl, checks) {
      const config = await discover();
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied') {
          throw new ZdlError(
            'GOOGLE_CANCELLED',
            'invalid',
            'Vous avez annulé la connexion avec Google : votre accès n’est pas activé.',
            { cause: error },
          );
        }
        throw new ZdlError(
          'GOOGLE_FAILED',
          'invalid',
          'La connexion avec Google a échoué. Recommencez depuis la page d’activation.',
          { cause: error },
        );
      }
      if (!claims?.sub || typeof claims.email !== 'string' || claims.email_verified !== true) {
        throw new ZdlError(
          'GOOGLE_EMAIL_UNVERIFIED',
          'invalid',
          'Google n’a pas confirmé votre adresse e-mail : activez votre accès avec un mot de passe.',
        );
      }
      return { sub: claims.sub, email: claims.email };
    },

    async authorizationOrigin() {
      const endpoint = (await discover()).serverMetadata().authorization_endpoint;
      return endpoint ? new URL(endpoint).origin : new URL(settings.issuer).origin;
    },
  };
}
