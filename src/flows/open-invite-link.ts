import { type DeadInvite, findDeadInvite } from '../auth/unusable-invite.js';
import type { FlowDeps } from './deps.js';

/**
 * An invitation link opened (GET /activate?code=…): dead invitations are recognized before any
 * typing; anything else (live, unknown, malformed) opens the form. Nothing is consumed.
 */
export async function openInviteLink(
  deps: Pick<FlowDeps, 'db' | 'clock' | 'inviteKeys'>,
  code: string,
): Promise<{ status: 'form' } | { status: 'dead'; reason: DeadInvite }> {
  const now = deps.clock();
  const reason = await deps.db.transaction((tx) => findDeadInvite(tx, { code, keys: deps.inviteKeys }, now), {
    readOnly: true,
  });
  return reason ? { status: 'dead', reason } : { status: 'form' };
}
