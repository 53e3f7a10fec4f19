import { describe, expect, test } from 'vitest';
import { activateAccount } from '../../src/auth/activate-account.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { startPendingActivation } from '../../src/auth/pending-activation.js';
import { isZdlError } from '../../src/errors.js';
import { generateInviteCode } from '../../src/invites/code.js';
import { TEST_INVITE_KEYS, useTestDatabase } from '../support/database.js';
import { invitePerson, uniqueEmail } from '../support/http.js';

// activateAccount spends the invitation, creates the account, audits it and ends a pending
// confirmation in one statement: each refusal must still leave nothing behind.
const t = useTestDatabase();
const now = new Date();
const ctx = { actor: 'web', now };

async function stateOf(personId: number, inviteId: number) {
  return t.db.transaction(async (tx) => {
    const [invite] = await tx<{ used_at: Date | null }[]>`select used_at from zdl.user_invites where id = ${inviteId}`;
    const accounts = await tx<
      { email: string | null }[]
    >`select email from zdl.accounts where personne_id = ${personId}`;
    const audit = await tx<{ action: string; actor: string; detail: unknown }[]>`
      select action, actor, detail from zdl.audit_log where personne_id = ${personId} and action = 'access.activated'`;
    const pending = await tx`select 1 from zdl.pending_activations where invite_id = ${inviteId}`;
    return { used: invite!.used_at !== null, accounts, audit, pending: pending.length };
  });
}

async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => 'activated',
    (error: unknown) => (isZdlError(error) ? `${error.code}:${String(error.details?.reason ?? '')}` : error),
  );
}

describe('activateAccount', () => {
  test('spends the invitation, creates the account, audits it and drops the pending confirmation', async () => {
    const invited = await invitePerson(t.db, now);
    const passwordHash = await hashPassword('rivière lente sous la pluie');
    await t.db.transaction((tx) =>
      startPendingActivation(tx, { inviteId: invited.inviteId, email: uniqueEmail('autre'), passwordHash }, ctx),
    );
    const email = uniqueEmail('actif');
    const account = await t.db.transaction((tx) =>
      activateAccount(
        tx,
        { code: invited.code, keys: TEST_INVITE_KEYS },
        { method: 'password', email, passwordHash },
        ctx,
      ),
    );
    expect(account).toMatchObject({ invite_id: invited.inviteId, personne_id: invited.personId, email });
    expect(await stateOf(invited.personId, invited.inviteId)).toEqual({
      used: true,
      accounts: [{ email }],
      audit: [
        { action: 'access.activated', actor: 'web', detail: { method: 'password', invite_id: invited.inviteId } },
      ],
      pending: 0,
    });
  });

  test.each([
    ['revoked', 'ACCESS_REVOKED:', { activated_at: null, revoked_at: now }],
    ['active', 'INVALID_INVITE:unknown', { activated_at: now, revoked_at: null }],
  ])('an account already %s refuses the pending invitation and nothing is written', async (_label, code, dates) => {
    const invited = await invitePerson(t.db, now);
    const passwordHash = await hashPassword('rivière lente sous la pluie');
    await t.db.transaction(
      (tx) => tx`insert into zdl.accounts (personne_id, email, password_hash, activated_at, revoked_at)
        values (${invited.personId}, ${uniqueEmail('avant')}, ${passwordHash}, ${dates.activated_at}, ${dates.revoked_at})`,
    );
    const before = await stateOf(invited.personId, invited.inviteId);
    const outcome = await refusal(
      t.db.transaction((tx) =>
        activateAccount(
          tx,
          { code: invited.code, keys: TEST_INVITE_KEYS },
          { method: 'password', email: uniqueEmail('apres'), passwordHash },
          ctx,
        ),
      ),
    );
    expect(outcome).toBe(code);
    expect(await stateOf(invited.personId, invited.inviteId)).toEqual({ ...before, used: false });
  });

  test('an unknown code is INVALID_INVITE and a used one says so', async () => {
    const invited = await invitePerson(t.db, now);
    const passwordHash = await hashPassword('rivière lente sous la pluie');
    const activate = (code: string) =>
      refusal(
        t.db.transaction((tx) =>
          activateAccount(
            tx,
            { code, keys: TEST_INVITE_KEYS },
            { method: 'password', email: uniqueEmail('code'), passwordHash },
            ctx,
          ),
        ),
      );
    expect(await activate(generateInviteCode())).toBe('INVALID_INVITE:unknown');
    expect(await activate(invited.code)).toBe('activated');
    expect(await activate(invited.code)).toBe('INVALID_INVITE:used');
  });
});
