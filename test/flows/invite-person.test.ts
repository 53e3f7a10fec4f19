import { describe, expect, test } from 'vitest';
import { invitePerson } from '../../src/flows/invite-person.js';
import { createPerson } from '../../src/persons/create-person.js';
import { parsePersonInput } from '../../src/persons/person-input.js';
import { ADMIN, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/http.js';

const t = useTestDatabase();

async function newPerson(email?: string) {
  return t.db.transaction((tx) =>
    createPerson(tx, parsePersonInput({ nom: 'Invite', prenom: 'Flow', email }), {
      actor: 'cli:test',
      now: new Date(),
    }),
  );
}

const statuses = (personId: number) =>
  t.db.transaction(
    (tx) =>
      tx<{ id: number; revoked: boolean }[]>`
        select id, revoked_at is not null as revoked from zdl.user_invites where personne_id = ${personId} order by id`,
  );

describe('invitePerson', () => {
  test('a new code revokes the earlier one; without send nothing is e-mailed', async () => {
    const deps = makeAdminDeps(t);
    const person = await newPerson(uniqueEmail('invite'));
    const first = await invitePerson(deps, ADMIN, { personRef: String(person.id), send: false });
    const second = await invitePerson(deps, ADMIN, { personRef: String(person.id), send: false });
    if (first.status !== 'issued' || second.status !== 'issued') throw new Error('expected issued invitations');
    expect(second.deliveries).toEqual([]);
    expect(await statuses(person.id)).toEqual([
      { id: first.invite.id, revoked: true },
      { id: second.invite.id, revoked: false },
    ]);
    expect(deps.outbox()).toEqual([]);
  });

  test('with send, the new code is e-mailed to the person found by e-mail address', async () => {
    const deps = makeAdminDeps(t);
    const email = uniqueEmail('renvoi');
    const person = await newPerson(email);
    const result = await invitePerson(deps, ADMIN, { personRef: email, send: true, validityMs: 60_000 });
    if (result.status !== 'issued') throw new Error('expected an issued invitation');
    expect(result.deliveries).toEqual([{ personId: person.id, email, inviteId: result.invite.id, status: 'outbox' }]);
    expect(deps.outbox().map((mail) => mail.text.includes(result.invite.code))).toEqual([true]);
  });

  test('send to someone without an address issues nothing', async () => {
    const deps = makeAdminDeps(t);
    const person = await newPerson();
    const result = await invitePerson(deps, ADMIN, { personRef: String(person.id), send: true });
    expect(result).toMatchObject({ status: 'no_email', person: { id: person.id } });
    expect(await statuses(person.id)).toEqual([]);
  });
});
