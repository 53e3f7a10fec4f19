import type { InviteHolder } from '../auth/activate-account.js';
import type { ActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';
import { lookUpPendingInvite } from './look-up-pending-invite.js';

/** The provider's side of the start, at the edge: it answers with the redirect to Google. */
export interface GoogleStarter<Redirect> {
  start(invite: { code: string; holder: InviteHolder }): Promise<Redirect>;
}

export type GoogleStartResult<Redirect> =
  | { status: 'unavailable' }
  | { status: 'refused'; refusal: ActivationRefusal }
  | { status: 'redirect'; redirect: Redirect };

/**
 * The invitation's holder chose Google: the code must belong to a pending invitation (checked,
 * not spent: the callback spends it) before the browser leaves for the provider.
 */
export async function startGoogleActivation<Redirect>(
  deps: Pick<FlowDeps, 'db' | 'clock' | 'inviteKeys'> & { google: GoogleStarter<Redirect> | undefined },
  code: string,
): Promise<GoogleStartResult<Redirect>> {
  if (!deps.google) return { status: 'unavailable' };
  const holder = await lookUpPendingInvite(deps, code);
  if (!('invite_id' in holder)) return holder;
  return { status: 'redirect', redirect: await deps.google.start({ code, holder }) };
}
