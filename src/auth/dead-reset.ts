import type { Sql } from '../db/client.js';
import { MAX_OTP_ATTEMPTS } from './password-reset.js';
import { hashToken } from './secrets.js';

/**
 * Why a reset link no longer works, for the page its owner opens a second time or a day late.
 * No oracle: a reset token carries 256 bits, nobody reaches a link but by its e-mail, so telling
 * « already used » from « expired » only helps the person who holds it.
 */
export type DeadResetReason = 'used' | 'expired' | 'locked' | 'replaced' | 'unknown';

export async function explainDeadReset(sql: Sql, token: string, now: Date): Promise<DeadResetReason> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return 'unknown';
  const [reset] = await sql<{ used: boolean; invalidated: boolean; expired: boolean; attempts: number }[]>`
    select used_at is not null as used, invalidated_at is not null as invalidated,
      expires_at <= ${now} as expired, attempts
    from zdl.password_resets where token_hash = ${hashToken(token)}`;
  if (!reset) return 'unknown';
  if (reset.used) return 'used';
  if (reset.attempts >= MAX_OTP_ATTEMPTS) return 'locked';
  // A newer request, a revoked access or an unlock invalidates a link before its time.
  if (reset.invalidated) return 'replaced';
  return reset.expired ? 'expired' : 'replaced';
}
