import type { Sql } from '../db/client.js';

export const INVITE_STATUSES = ['pending', 'used', 'expired', 'revoked'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

/** SQL expression for an invitation's status, `i` being zdl.user_invites. */
export function inviteStatusExpression(sql: Sql, now: Date) {
  return sql`case
    when i.used_at is not null then 'used'
    when i.revoked_at is not null then 'revoked'
    when i.expires_at <= ${now} then 'expired'
    else 'pending' end`;
}
