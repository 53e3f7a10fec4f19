import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isZdlError } from '../../src/errors.js';
import { addPerson } from '../../src/flows/add-person.js';
import { parsePersonInput } from '../../src/persons/person-input.js';
import { ADMIN, countRows, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { type FakeMailerSend, startFakeMailerSend } from '../support/fake-mailersend.js';
import { uniqueEmail } from '../support/http.js';

const t = useTestDatabase();
let fake: FakeMailerSend;
beforeAll(async () => (fake = await startFakeMailerSend()));
afterAll(() => fake.close());

describe('addPerson', () => {
  test('creates the person alone when no invitation is asked for', async () => {
    const deps = makeAdminDeps(t);
    const added = await addPerson(deps, ADMIN, {
      person: parsePersonInput({ nom: 'Seule', prenom: 'Fiche' }),
      invite: null,
      send: false,
    });
    expect(added).toMatchObject({ person: { nom: 'Seule', role: 'benevole' }, invite: null, deliveries: [] });
    expect(await countRows(t, 'user_invites', added.person.id)).toBe(0);
    expect(deps.outbox()).toEqual([]);
  });

  test('with an invitation and send: the code is returned once and e-mailed after the commit', async () => {
    const deps = makeAdminDeps(t);
    const email = uniqueEmail('ajout');
    const added = await addPerson(deps, ADMIN, {
      person: parsePersonInput({ nom: 'Ajout', prenom: 'Mail', email }),
      invite: { validityMs: 3_600_000 },
      send: true,
    });
    expect(added.invite!.code).toMatch(/^ZDL-/);
    expect(added.invite!.expires_at.getTime()).toBe(deps.clock().getTime() + 3_600_000);
    expect(added.deliveries).toEqual([
      { personId: added.person.id, email, inviteId: added.invite!.id, status: 'outbox' },
    ]);
    const [mail] = deps.outbox();
    expect(mail!.to[0]!.email).toBe(email);
    expect(mail!.text).toContain(added.invite!.code);
    const audit = await t.db.transaction(
      (tx) => tx`select actor, action from zdl.audit_log where personne_id = ${added.person.id} order by id`,
    );
    expect(audit.map((row) => row.actor)).toEqual([ADMIN.actor, ADMIN.actor]);
  });

  test('a failed send keeps the person and the invitation, and says so in the result', async () => {
    fake.respondWith([{ status: 401, body: { message: 'Unauthenticated.' } }]);
    const deps = makeAdminDeps(t, { mailerSendUrl: fake.url });
    const added = await addPerson(deps, ADMIN, {
      person: parsePersonInput({ nom: 'Echec', prenom: 'Envoi', email: uniqueEmail('echec') }),
      invite: {},
      send: true,
    });
    expect(added.deliveries).toMatchObject([{ status: 'failed', inviteId: added.invite!.id }]);
    expect(await countRows(t, 'user_invites', added.person.id)).toBe(1);
  });

  test('send without an address is refused before anything is written', async () => {
    const deps = makeAdminDeps(t);
    const attempt = addPerson(deps, ADMIN, {
      person: parsePersonInput({ nom: 'SansAdresse', prenom: 'Flow' }),
      invite: {},
      send: true,
    });
    await expect(attempt).rejects.toSatisfy((error) => isZdlError(error, 'NO_EMAIL'));
    const rows = await t.db.transaction((tx) => tx`select 1 from zdl.personnes where nom = 'SansAdresse'`);
    expect(rows).toHaveLength(0);
  });
});
