import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Sql } from '../../src/db/client.js';
import { purgeInvites } from '../../src/invites/purge-invites.js';
import { useTestDatabase } from '../support/database.js';
import { invitePerson } from '../support/http.js';

// Migration 009 replaced the foreign key from pending_activations to user_invites by two
// triggers (a set-based cascade, an existence check): what the foreign key guaranteed must hold.

const t = useTestDatabase();
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

function insertPending(tx: Sql, inviteId: number, personId: number, now: Date) {
  const expires = new Date(now.getTime() + 20 * 60_000);
  return tx`
    insert into zdl.pending_activations (invite_id, personne_id, email, password_hash, token_hash, form_hash,
      otp_hash, window_started_at, created_at, expires_at)
    values (${inviteId}, ${personId}, 'attente@example.org', ${HASH}, ${randomBytes(32)}, ${randomBytes(32)},
      ${randomBytes(32)}, ${now}, ${now}, ${expires})`;
}

const pendingOf = (ids: number[]) =>
  t.db.transaction(
    (tx) =>
      tx<{ invite_id: number }[]>`
      select invite_id from zdl.pending_activations where invite_id in ${tx(ids)} order by invite_id`,
  );

describe('pending activations follow their invitation', () => {
  test('deleting invitations deletes their pending activations, and only theirs', async () => {
    const now = new Date();
    const invited = [await invitePerson(t.db, now), await invitePerson(t.db, now), await invitePerson(t.db, now)];
    const ids = invited.map((i) => i.inviteId);
    await t.db.transaction(async (tx) => {
      for (const i of invited) await insertPending(tx, i.inviteId, i.personId, now);
    });
    await t.db.transaction((tx) => tx`delete from zdl.user_invites where id in ${tx(ids.slice(0, 2))}`);
    expect(await pendingOf(ids)).toEqual([{ invite_id: ids[2] }]);
  });

  test('a purge takes the pending activation of an invitation that died after it was created', async () => {
    const now = new Date();
    const invited = await invitePerson(t.db, now, { validityMs: 60_000 });
    // The pending activation outlives the invitation: only the invitation's purge takes it.
    await t.db.transaction((tx) => insertPending(tx, invited.inviteId, invited.personId, now));
    await t.db.transaction(
      (tx) => tx`
      update zdl.pending_activations set expires_at = ${new Date(now.getTime() + 86_400_000)}
      where invite_id = ${invited.inviteId}`,
    );
    const later = new Date(now.getTime() + 120_000);
    const purge = await t.db.transaction((tx) => purgeInvites(tx, { actor: 'cli:test', now: later }));
    expect(purge.purged).toBeGreaterThanOrEqual(1);
    expect(await pendingOf([invited.inviteId])).toEqual([]);
  });

  test('a pending activation needs an existing invitation, as with the foreign key (23503)', async () => {
    const now = new Date();
    const invited = await invitePerson(t.db, now);
    const missing = invited.inviteId + 1_000_000;
    const error = await t.db
      .transaction((tx) => insertPending(tx, missing, invited.personId, now))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: '23503', constraint_name: 'pending_activations_invite_id_fkey' });
    expect(await pendingOf([missing])).toEqual([]);
  });
});
