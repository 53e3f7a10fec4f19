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

function isGoogle(issuer: string): boolean {
  return new URL(issuer).hostname === 'accounts.google.com';
}

function claimsMissing(): ZdlError {
  return new ZdlError(
    'GOOGLE_CLAIMS_MISSING',
    'invalid',
    'Le service de connexion n’a pas transmis votre adresse e-mail : ce n’est pas de votre fait. ' +
      'Activez votre accès avec un mot de passe, ou prévenez l’association.',
  );
}

/**
 * `email` and `email_verified` from the ID token (Google puts them there), else from UserInfo:
 * OIDC Core §5.4 gives the `email` scope's claims to the UserInfo endpoint, and a stock provider
 * keeps its ID tokens to `sub`. A UserInfo that fails is the provider being unavailable.
 */
async function readEmailClaims(
  config: oidc.Configuration,
  claims: oidc.IDToken,
  accessToken: string | undefined,
): Promise<{ email: unknown; verified: unknown }> {
  if (typeof claims.email === 'string' && typeof claims.email_verified === 'boolean')
    return { email: claims.email, verified: claims.email_verified };
  if (!accessToken || !config.serverMetadata().userinfo_endpoint)
    return { email: claims.email, verified: claims.email_verified };
  try {
    const info = await oidc.fetchUserInfo(config, accessToken, claims.sub);
    return { email: claims.email ?? info.email, verified: claims.email_verified ?? info.email_verified };
  } catch (error) {
    throw unavailable(error);
  }
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
        // Google's account chooser; a stock OpenID provider refuses an unknown prompt value
        // (OIDC Core §3.1.2.1 defines none, login, consent and select_account as optional).
        ...(isGoogle(settings.issuer) ? { prompt: 'select_account' } : {}),
      });
      return { url, state, nonce, codeVerifier };
    },

    async finishAuthorization(callbackUrl, checks) {
      const config = await discover();
      let claims: oidc.IDToken | undefined;
      let accessToken: string | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        accessToken = tokens.access_token;
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
      if (!claims?.sub) throw claimsMissing();
      const { email, verified } = await readEmailClaims(config, claims, accessToken);
      if (typeof email !== 'string') throw claimsMissing();
      if (verified !== true) {
        throw new ZdlError(
          'GOOGLE_EMAIL_UNVERIFIED',
          'invalid',
          'Google n’a pas confirmé votre adresse e-mail : activez votre accès avec un mot de passe.',
        );
      }
      return { sub: claims.sub, email };
    },

    async authorizationOrigin() {
      const endpoint = (await discover()).serverMetadata().authorization_endpoint;
      return endpoint ? new URL(endpoint).origin : new URL(settings.issuer).origin;
    },
  };
}
