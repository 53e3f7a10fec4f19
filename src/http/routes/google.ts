import { getCookie, type H3Event } from 'h3';
import type { GoogleClient } from '../../auth/google-oidc.js';
import { deriveStateKey, openState, sealState } from '../../auth/signed-state.js';
import type { ActivationRefusal, ActivationRefusalCode } from '../../flows/activation-refusal.js';
import { finishGoogleActivation } from '../../flows/finish-google-activation.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { AppContext, GoogleActivation } from '../app-context.js';
import { errorPageResponse, htmlResponse, type Reply } from '../responses.js';
import { renderActivateDone } from '../views/activate-done.js';
import { WEB_ACTOR } from '../web-actor.js';

// Activation with Google: POST /activate (mode=google, valid code) sends the browser to the
// provider with PKCE, state and nonce; what we need back travels in a short-lived, signed,
// HttpOnly cookie. The callback re-checks the invitation and spends it while creating the account.

const COOKIE = 'zdl_google';
const FLOW_MS = 10 * 60_000;
export const GOOGLE_CALLBACK_PATH = PAGE_PATHS.googleCallback;

interface FlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  inviteId: number;
}

/** Exhaustive: a new refusal code does not compile until it has a status here. */
const FAILURE_STATUS: Record<ActivationRefusalCode, number> = {
  INVALID_INVITE: 410,
  ACCESS_REVOKED: 403,
  ACCOUNT_EMAIL_TAKEN: 409,
  CONFIRMATION_LIMITED: 429,
  GOOGLE_ACCOUNT_TAKEN: 409,
  GOOGLE_CANCELLED: 400,
  GOOGLE_CLAIMS_MISSING: 502, // the provider's answer was unusable: a bad gateway, not a bad request
  GOOGLE_FAILED: 400,
  GOOGLE_EMAIL_UNVERIFIED: 400,
};

function cookieHeader(value: string, secure: boolean, maxAgeSeconds: number): string {
  return [
    `${COOKIE}=${value}`,
    `Path=${PAGE_PATHS.google}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function failurePage(refusal: ActivationRefusal, clearCookie: string): Reply {
  return errorPageResponse(FAILURE_STATUS[refusal.code], {
    title: 'Activation avec Google impossible',
    message: refusal.message,
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
    // The callback URL as the provider knows it (ZDL_PUBLIC_URL), whatever proxy is in between.
    const callbackUrl = new URL(`${GOOGLE_CALLBACK_PATH}${event.url.search}`, options.publicUrl);
    let result: Awaited<ReturnType<typeof finishGoogleActivation>>;
    try {
      result = await finishGoogleActivation(ctx, WEB_ACTOR, {
        inviteId: flow.inviteId,
        identify: () => client.finishAuthorization(callbackUrl, flow),
      });
    } catch (error) {
      // The cookie is single-use whatever the outcome (its state, nonce and PKCE verifier were
      // just spent at the provider): an operational failure clears it too, then the edge answers.
      event.res.headers.append('Set-Cookie', clear);
      throw error;
    }
    if (result.status === 'refused') return failurePage(result.refusal, clear);
    return htmlResponse(200, renderActivateDone({ method: 'google', email: result.account.email }, ctx.config), {
      'Set-Cookie': clear,
    });
  }

  return { formActionOrigins, start, callback };
}
