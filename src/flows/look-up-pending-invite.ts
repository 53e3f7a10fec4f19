import { findPendingInvite, type PendingInviteHolder } from '../auth/activate-account.js';
import { explainUnusableInvite } from '../auth/unusable-invite.js';
import type { ActivationRefusal } from './activation-refusal.js';
import type { FlowDeps } from './deps.js';

/** The pending invitation behind a code (nothing consumed), or the refusal to show. */
export async function lookUpPendingInvite(
  deps: Pick<FlowDeps, 'db' | 'clock' | 'inviteKeys'>,
  code: string,
): Promise<PendingInviteHolder | { status: 'refused'; refusal: ActivationRefusal }> {
  const now = deps.clock();
  return deps.db.transaction(
    async (tx) => {
      const typed = { code, keys: deps.inviteKeys };
      const holder = await findPendingInvite(tx, typed, now);
      return holder ?? { status: 'refused' as const, refusal: await explainUnusableInvite(tx, typed, now) };
    },
    { readOnly: true },
  );
}
