import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// panva's certified `oidc-provider`, stock: what "any OpenID provider" means for ZDL_GOOGLE_ISSUER.
// Its ID tokens carry only `sub` (conformIdTokenClaims): e-mail claims are at the UserInfo
// endpoint, as OIDC Core §5.4 says. The interaction (login, consent) is answered at once for the
// test's account; everything else is the provider's own behaviour.

export interface OidcAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

export interface StockProvider {
  issuer: string;
  setAccount(account: OidcAccount): void;
  /** Follows the provider's redirects from the authorization URL to the client's redirect URI. */
  authorize(url: string): Promise<URL>;
  stop(): Promise<void>;
}

export async function startStockProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<StockProvider> {
  let account: OidcAccount = { sub: 'oidc-sub-1', email: 'person@oidc.example', email_verified: true };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: async () => ({ ...account, sub: id }) }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['zdl-test-cookie-key'] },
    // Its own signing key and lifetimes, so the provider does not warn about its quick-start ones.
    jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: account.sub } });
        return;
      }
      const grant = new provider.Grant({ accountId: account.sub, clientId: client.clientId });
      grant.addOIDCScope('openid email');
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  const cookies = new Map<string, string>();
  return {
    issuer,
    setAccount: (next) => (account = next),
    async authorize(start) {
      let url = new URL(start);
      for (let hop = 0; hop < 10; hop++) {
        if (!url.href.startsWith(issuer)) return url; // back at the client
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const line of response.headers.getSetCookie()) {
          const [pair] = line.split(';');
          const [name, value] = pair!.split('=');
          cookies.set(name!, value ?? '');
        }
        const location = response.headers.get('location');
        if (!location) throw new Error(`provider answered ${response.status}: ${await response.text()}`);
        url = new URL(location, url);
      }
      throw new Error('too many redirects');
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
