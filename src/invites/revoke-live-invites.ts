import type { Sql } from '../db/client.js';

/** Revokes every live (unused, unrevoked) invitation of a person; returns how many. */
export async function revokeLiveInvites(sql: Sql, personId: number, now: Date): Promise<number> {
  const result = await sql`
    update zdl.user_invites set revoked_at = ${now}
    where personne_id = ${personId} and used_at is null and revoked_at is null`;
  return result.count;
}
