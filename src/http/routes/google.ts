import { getCookie, type H3Event } from 'h3';
import { activateAccount } from '../../auth/activate-account.js';
import type { GoogleClient } from '../../auth/google-oidc.js';
import { deriveStateKey, openState, sealState } from '../../auth/signed-state.js';
import { isZdlError, type ZdlError } from '../../errors.js';
import { sendAccessActivatedEmail } from '../../mail/send-account-emails.js';
import type { AppContext, GoogleActivation } from '../app-context.js';
import { errorPageResponse, htmlResponse, type Reply } from '../responses.js';
import { renderActivateDone } from '../views/activate-done.js';

// Activation with Google: POST /activate (mode=google, valid code) sends the browser to the
// provider with PKCE, state and nonce; what we need back travels in a short-lived, signed,
// HttpOnly cookie. The callback re-checks the invitation and spends it while creating the account.

const COOKIE = 'zdl_google';
const COOKIE_PATH = '/auth/google';
const FLOW_MS = 10 * 60_000;
export const GOOGLE_CALLBACK_PATH = '/auth/google/callback';

interface FlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  inviteId: number;
}

const FAILURE_STATUS: Record<string, number> = {
  INVALID_INVITE: 410,
  ACCESS_REVOKED: 403,
  EMAIL_TAKEN: 409,
  GOOGLE_ACCOUNT_TAKEN: 409,
  GOOGLE_CANCELLED: 400,
  GOOGLE_FAILED: 400,
  GOOGLE_EMAIL_UNVERIFIED: 400,
};

function cookieHeader(value: string, secure: boolean, maxAgeSeconds: number): string {
  return [
    `${COOKIE}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function failurePage(error: ZdlError, clearCookie: string): Reply {
  const status = FAILURE_STATUS[error.code] ?? 400;
  return errorPageResponse(status, {
    title: 'Activation avec Google impossible',
    message: error.message,
    headers: { 'Set-Cookie': clearCookie },
  });
}

export async function createGoogleActivation(
  client: GoogleClient,
  options: { publicUrl: string; clientSecret: string; issuer: string },
): Promise<GoogleActivation> {
  const key = deriveStateKey(options.clientSecret, 'zdl google activation cookie');
  const secure = options.publicUrl.startsWith('https:');
  const clear = cookieHeader('', secure, 0);
  // The browser follows a redirect after POST: CSP form-action must allow the provider. If it
  // cannot be discovered now, the issuer's origin (Google's authorization endpoint shares it).
  const formActionOrigins = [await client.authorizationOrigin().catch(() => new URL(options.issuer).origin)];

  async function start(_event: H3Event, invite: { holder: { invite_id: number } }, ctx: AppContext): Promise<Reply> {
    const { url, ...checks } = await client.startAuthorization();
    const sealed = sealState(
      { ...checks, inviteId: invite.holder.invite_id },
      key,
      new Date(ctx.clock().getTime() + FLOW_MS),
    );
    return new Response(null, {
      status: 303,
      headers: { Location: url.href, 'Set-Cookie': cookieHeader(sealed, secure, FLOW_MS / 1000) },
    });
  }

  async function callback(event: H3Event, ctx: AppContext): Promise<Reply> {
    const flow = openState<FlowState>(getCookie(event, COOKIE), key, ctx.clock());
    if (!flow) {
      return errorPageResponse(400, {
        title: 'Session expirée',
        message:
          'Votre demande de connexion avec Google a expiré ou ne vient pas de ce navigateur. Recommencez depuis la page « Activer mon accès ».',
        headers: { 'Set-Cookie': clear },
      });
    }
    try {
      // The callback URL as the provider knows it (ZDL_PUBLIC_URL), whatever proxy is in between.
      const callbackUrl = new URL(`${GOOGLE_CALLBACK_PATH}${event.url.search}`, options.publicUrl);
      const identity = await client.finishAuthorization(callbackUrl, flow);
      const account = await ctx.db.transaction((tx) =>
        activateAccount(
          tx,
          { inviteId: flow.inviteId },
          { method: 'google', email: identity.email, googleSub: identity.sub },
          { now: ctx.clock() },
        ),
      );
      ctx.tasks.run('e-mail « accès activé »', () => sendAccessActivatedEmail(ctx.mailer, account));
      return htmlResponse(200, renderActivateDone({ method: 'google', email: account.email }), { 'Set-Cookie': clear });
    } catch (error) {
      if (isZdlError(error) && error.kind !== 'operational') return failurePage(error, clear);
      throw error;
    }
  }

  return { formActionOrigins, start, callback };
}
