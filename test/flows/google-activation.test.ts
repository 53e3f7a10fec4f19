import { describe, expect, test } from 'vitest';
import { ZdlError } from '../../src/errors.js';
import { finishGoogleActivation } from '../../src/flows/finish-google-activation.js';
import { startGoogleActivation } from '../../src/flows/start-google-activation.js';
import { useTestDatabase } from '../support/database.js';
import { auditOf, makeFlowDeps } from '../support/flows.js';
import { invitePerson, readOutbox, uniqueEmail } from '../support/http.js';

// The provider's side (openid-client against a real mock issuer) is tested in
// test/http/app-google.test.ts; here the use cases get its outcome directly.

const t = useTestDatabase();
// The use cases audit under the actor they are given: a `cli:` one here proves nothing hard-codes 'web'.
const ACTOR = { actor: 'cli:flow-test' };

describe('startGoogleActivation', () => {
  test('without Google configured: unavailable', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    expect(await startGoogleActivation({ ...deps, google: undefined }, invited.code)).toEqual({
      status: 'unavailable',
    });
  });

  test('a pending code is handed to the provider, with its holder; nothing is spent', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const google = { start: async (invite: { holder: { personne_id: number } }) => invite.holder.personne_id };
    expect(await startGoogleActivation({ ...deps, google }, invited.code)).toEqual({
      status: 'redirect',
      redirect: invited.personId,
    });
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });

  test('an unknown code never reaches the provider', async () => {
    const deps = makeFlowDeps(t);
    let started = 0;
    const google = { start: async () => ++started };
    const result = await startGoogleActivation({ ...deps, google }, 'ZDL-000000-00000');
    expect(result.status === 'refused' && result.refusal.code).toBe('INVALID_INVITE');
    expect(started).toBe(0);
  });
});

describe('finishGoogleActivation', () => {
  test('links the account by sub under the given actor and e-mails after the commit', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const email = uniqueEmail('google');
    const result = await finishGoogleActivation(deps, ACTOR, {
      inviteId: invited.inviteId,
      identify: async () => ({ sub: `sub-${invited.personId}`, email }),
    });
    expect(result).toMatchObject({ status: 'activated', account: { email, method: 'google' } });
    expect(await auditOf(t, invited.personId)).toContainEqual({ actor: ACTOR.actor, action: 'access.activated' });
    await deps.settle();
    expect(readOutbox(deps.outbox).map((m) => m.template)).toEqual(['access_activated']);
  });

  test('a refusal from the provider is returned, the invitation stays pending', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const result = await finishGoogleActivation(deps, ACTOR, {
      inviteId: invited.inviteId,
      identify: async () => {
        throw new ZdlError('GOOGLE_CANCELLED', 'invalid', 'Vous avez annulé la connexion avec Google.');
      },
    });
    expect(result.status === 'refused' && result.refusal.code).toBe('GOOGLE_CANCELLED');
    const [invite] = await t.db.transaction(
      (tx) => tx`select used_at from zdl.user_invites where id = ${invited.inviteId}`,
    );
    expect(invite!.used_at).toBeNull();
  });

  test('a spent invitation is refused as INVALID_INVITE', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const identify = async () => ({ sub: `sub-spent-${invited.personId}`, email: uniqueEmail('spent') });
    const first = await finishGoogleActivation(deps, ACTOR, { inviteId: invited.inviteId, identify });
    expect(first.status).toBe('activated');
    const again = await finishGoogleActivation(deps, ACTOR, { inviteId: invited.inviteId, identify });
    expect(again.status === 'refused' && again.refusal.code).toBe('INVALID_INVITE');
  });

  test('an operational failure (Google unreachable) is thrown for the edge, not returned', async () => {
    const deps = makeFlowDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const down = new ZdlError('GOOGLE_UNAVAILABLE', 'operational', 'Google injoignable');
    const identify = async () => {
      throw down;
    };
    await expect(finishGoogleActivation(deps, ACTOR, { inviteId: invited.inviteId, identify })).rejects.toBe(down);
  });
});
