import { type DeadResetReason, explainDeadReset } from '../auth/dead-reset.js';
import { findLiveReset } from '../auth/password-reset.js';
import type { FlowDeps } from './deps.js';

/** Whether a reset link can still be used, else why not. Never consumes anything: mail scanners open links too. */
export async function openResetLink(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  token: string,
): Promise<{ status: 'live' } | { status: 'dead'; reason: DeadResetReason }> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (await findLiveReset(tx, token, now)) return { status: 'live' as const };
    return { status: 'dead' as const, reason: await explainDeadReset(tx, token, now) };
  });
}
