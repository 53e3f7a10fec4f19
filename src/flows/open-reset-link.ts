import { findLiveReset } from '../auth/password-reset.js';
import type { FlowDeps } from './deps.js';

/** Whether a reset link can still be used. Never consumes anything: mail scanners open links too. */
export async function openResetLink(
  deps: Pick<FlowDeps, 'db' | 'clock'>,
  token: string,
): Promise<{ status: 'live' } | { status: 'invalid' }> {
  const now = deps.clock();
  const live = await deps.db.transaction((tx) => findLiveReset(tx, token, now));
  return { status: live ? 'live' : 'invalid' };
}
