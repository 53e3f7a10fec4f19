import type { Sql } from '../db/client.js';
import { normalizeInviteCode } from './code.js';
import { type InviteCodeKeys, inviteCodeLookupHashes } from './code-keys.js';

/** A code as a person typed it, with the keys its stored hash may be under. */
export interface TypedCode {
  code: string;
  keys: InviteCodeKeys;
}

/** What identifies the invitation: the typed code, or (Google's round trip) its signed id. */
export type InviteRef = TypedCode | { inviteId: number };

/**
 * The SQL condition on `zdl.user_invites i` that selects the invitation; null when a typed code
 * cannot be a code (garbage is refused before any lookup).
 */
export function matchInvite(sql: Sql, invite: InviteRef) {
  if ('inviteId' in invite) return sql`i.id = ${invite.inviteId}`;
  const normalized = normalizeInviteCode(invite.code);
  if (!normalized) return null;
  return sql`i.code_hash in ${sql(inviteCodeLookupHashes(invite.keys, normalized))}`;
}
