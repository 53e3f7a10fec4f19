import { describe, expect, test } from 'vitest';
import { activateAccount } from '../../src/auth/activate-account.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { isZdlError } from '../../src/errors.js';
import { invitePerson as reinvitePerson } from '../../src/flows/invite-person.js';
import { revokePersonAccess } from '../../src/flows/revoke-access.js';
import { ADMIN, makeAdminDeps } from '../support/admin-flows.js';
import { TEST_INVITE_KEYS, testDatabaseKind, useTestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, invitePerson, uniqueEmail } from '../support/http.js';

// Activation locked the invitation then (through the foreign key) the person; revoke and
// re-issue lock the person then the invitation: 40P01 on PostgreSQL, a 500 page, and a person
// left active although revoked. Each round races the two transactions as the use cases run
// them; the outcome must be one of the two serial orders, never an error.
const t = useTestDatabase();
// The embedded database is one shared session (whole transactions take turns), so it cannot
// deadlock; fewer rounds there still check that both orders end in a consistent state.
const ROUNDS = testDatabaseKind === 'postgres' ? 40 : 20;
const TIMEOUT_MS = 180_000;
const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));

async function stateOf(personId: number) {
  const [account] = await t.db.transaction(
    (tx) =>
      tx<{ activated_at: Date | null; revoked_at: Date | null }[]>`
        select activated_at, revoked_at from zdl.accounts where personne_id = ${personId}`,
  );
  const invites = await t.db.transaction(
    (tx) =>
      tx<{ used: boolean; revoked: boolean }[]>`
        select used_at is not null as used, revoked_at is not null as revoked
        from zdl.user_invites where personne_id = ${personId} order by id`,
  );
  return { account, invites };
}

function activate(code: string, passwordHash: string, now: Date) {
  return (async () => {
    await jitter();
    try {
      await t.db.transaction((tx) =>
        activateAccount(
          tx,
          { code, keys: TEST_INVITE_KEYS },
          { method: 'password', email: uniqueEmail('race'), passwordHash },
          { actor: 'web', now },
        ),
      );
      return 'activated' as const;
    } catch (error) {
      if (isZdlError(error, 'ACCESS_REVOKED') || isZdlError(error, 'INVALID_INVITE')) return error.code;
      throw error;
    }
  })();
}

describe('activation raced against admin commands (one lock order, retried conflicts)', () => {
  test(
    `against « access revoke », ${ROUNDS} rounds: revoked in the end, activated only if first`,
    async () => {
      const deps = makeAdminDeps(t);
      const passwordHash = await hashPassword(GOOD_PASSWORD);
      for (let round = 0; round < ROUNDS; round++) {
        const invited = await invitePerson(t.db, deps.clock());
        const [activation, revoke] = await Promise.all([
          activate(invited.code, passwordHash, deps.clock()),
          (async () => {
            await jitter();
            return revokePersonAccess(deps, ADMIN, { personRef: String(invited.personId), confirm: async () => {} });
          })(),
        ]);
        const { account, invites } = await stateOf(invited.personId);
        expect(account?.revoked_at).toBeInstanceOf(Date);
        if (activation === 'activated') {
          // Activation then revocation.
          expect(account?.activated_at).toBeInstanceOf(Date);
          expect(invites).toEqual([{ used: true, revoked: false }]);
          expect(revoke.revoked.invites_revoked).toBe(0);
        } else {
          // Revocation then activation, told why.
          expect(activation).toBe('ACCESS_REVOKED');
          expect(account?.activated_at).toBeNull();
          expect(invites).toEqual([{ used: false, revoked: true }]);
          expect(revoke.revoked.invites_revoked).toBe(1);
        }
      }
    },
    TIMEOUT_MS,
  );

  test(
    `against « invites resend » (re-issue), ${ROUNDS} rounds: one order or the other`,
    async () => {
      const deps = makeAdminDeps(t);
      const passwordHash = await hashPassword(GOOD_PASSWORD);
      for (let round = 0; round < ROUNDS; round++) {
        const invited = await invitePerson(t.db, deps.clock());
        const [activation, reissue] = await Promise.all([
          activate(invited.code, passwordHash, deps.clock()),
          (async () => {
            await jitter();
            try {
              return await reinvitePerson(deps, ADMIN, { personRef: String(invited.personId), send: false });
            } catch (error) {
              if (isZdlError(error, 'ACCESS_ALREADY_ACTIVE')) return error.code;
              throw error;
            }
          })(),
        ]);
        const { account, invites } = await stateOf(invited.personId);
        if (activation === 'activated') {
          expect(reissue).toBe('ACCESS_ALREADY_ACTIVE');
          expect(account?.activated_at).toBeInstanceOf(Date);
          expect(invites).toEqual([{ used: true, revoked: false }]);
        } else {
          expect(activation).toBe('INVALID_INVITE');
          expect(reissue).toMatchObject({ status: 'issued' });
          expect(account).toBeUndefined();
          expect(invites).toEqual([
            { used: false, revoked: true },
            { used: false, revoked: false },
          ]);
        }
      }
    },
    TIMEOUT_MS,
  );
});
