import type { ActorContext } from '../actor.js';
import type { GoogleIdentity } from '../auth/google-oidc.js';
import { isActivationRefusal } from './activation-refusal.js';
import { type AccountCreation, createAccount } from './create-account.js';
import type { FlowDeps } from './deps.js';

export type GoogleFinishResult = AccountCreation;

/**
 * The provider sent the browser back: `identify` redeems its answer (openid-client checks state,
 * nonce and PKCE; a verified e-mail is required), then the invitation carried in the signed flow
 * is re-checked and spent while the account is created, in one transaction. Operational failures
 * (Google or the database unreachable) are thrown for the edge to report.
 */
export async function finishGoogleActivation(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'tasks' | 'signposts'>,
  actor: Pick<ActorContext, 'actor'>,
  input: { inviteId: number; identify: () => Promise<GoogleIdentity> },
): Promise<GoogleFinishResult> {
  let identity: GoogleIdentity;
  try {
    identity = await input.identify();
  } catch (error) {
    if (isActivationRefusal(error)) return { status: 'refused', refusal: error };
    throw error;
  }
  // Google's verified address needs no confirmation: a pending one for another address goes.
  return createAccount(
    deps,
    actor,
    { inviteId: input.inviteId },
    { method: 'google', email: identity.email, googleSub: identity.sub },
  );
}
