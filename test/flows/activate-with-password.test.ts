import { describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/auth/password-hash.js';
import { activateWithPassword } from '../../src/flows/activate-with-password.js';
import { useTestDatabase } from '../support/database.js';
import { auditOf, makeFlowDeps } from '../support/flows.js';
import { GOOD_PASSWORD, invitePerson, readOutbox, uniqueEmail } from '../support/http.js';

const t = useTestDatabase();
// The use cases audit under the actor they are given: a `cli:` one here proves nothing hard-codes 'web'.
const ACTOR = { actor: 'cli:flow-test' };

async function passwordHashOf(personId: number) {
  const [row] = await t.db.transaction(
    (tx) => tx<{ password_hash: string }[]>`select password_hash from zdl.accounts where personne_id = ${personId}`,
  );
  return row?.password_hash;
}

describe('activateWithPassword', () => {
  test('creates the account under the given actor and e-mails « accès activé » after the commit', async () => {
    const deps = makeFlowDeps(t);
    const email = uniqueEmail('active');
    const invited = await invitePerson(t.db, deps.clock(), { email });
    const result = await activateWithPassword(deps, ACTOR, {
      code: invited.code,
      email,
      password: GOOD_PASSWORD,
      confirm: GOOD_PASSWORD,
    });
    expect(result).toMatchObject({ status: 'activated', account: { personne_id: invited.personId, email } });
    expect(await verifyPassword((await passwordHashOf(invited.personId))!, GOOD_PASSWORD)).toBe(true);
    expect(await auditOf(t, invited.personId)).toContainEqual({ actor: ACTOR.actor, action: 'access.activated' });
    await deps.settle();
    expect(readOutbox(deps.outbox).map((m) => [m.template, m.to[0]!.email])).toEqual([['access_activated', email]]);
    expect(deps.failures).toEqual([]);
  });

  test('an unknown code is refused as INVALID_INVITE, nothing written or sent', async () => {
    const deps = makeFlowDeps(t);
    const result = await activateWithPassword(deps, ACTOR, {
      code: 'ZDL-000000-00000',
      email: uniqueEmail(),
      password: GOOD_PASSWORD,
      confirm: GOOD_PASSWORD,
    });
    expect(result.status === 'refused' && result.refusal.code).toBe('INVALID_INVITE');
    await deps.settle();
    expect(readOutbox(deps.outbox)).toEqual([]);
  });

  test('a password with the person’s name is refused before anything is spent', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock(), { prenom: 'Ermengarde' });
    const password = 'ermengarde ermengarde';
    const result = await activateWithPassword(deps, ACTOR, {
      code: invited.code,
      email: uniqueEmail(),
      password,
      confirm: password,
    });
    expect(result).toMatchObject({ status: 'password_refused', field: 'password' });
    expect(await passwordHashOf(invited.personId)).toBeUndefined();
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });

  test('an address another account uses is ACCOUNT_EMAIL_TAKEN and the invitation stays pending', async () => {
    const deps = makeFlowDeps(t);
    const email = uniqueEmail('taken');
    const first = await invitePerson(t.db, deps.clock(), { prenom: 'Premier', email });
    const input = { email, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD };
    expect((await activateWithPassword(deps, ACTOR, { ...input, code: first.code })).status).toBe('activated');
    const second = await invitePerson(t.db, deps.clock(), { prenom: 'Second' });
    const result = await activateWithPassword(deps, ACTOR, { ...input, code: second.code });
    expect(result.status === 'refused' && result.refusal.code).toBe('ACCOUNT_EMAIL_TAKEN');
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${second.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });
});
