import { describe, expect, test } from 'vitest';
import { ZdlError } from '../../src/errors.js';
import { deletePersonAfterConfirm } from '../../src/flows/delete-person.js';
import { restorePersonAccess } from '../../src/flows/restore-access.js';
import { revokePersonAccess } from '../../src/flows/revoke-access.js';
import type { Person } from '../../src/persons/person.js';
import { ADMIN, countRows, makeAdminDeps } from '../support/admin-flows.js';
import { useTestDatabase } from '../support/database.js';
import { invitePerson } from '../support/http.js';

const t = useTestDatabase();

const refuse = async () => {
  throw new ZdlError('CONFIRMATION_REQUIRED', 'usage', 'refusé');
};

const accessOf = async (personId: number) =>
  (await t.db.transaction((tx) => tx`select revoked_at from zdl.accounts where personne_id = ${personId}`))[0];

describe('revokePersonAccess and restorePersonAccess', () => {
  test('confirm sees the person first; a refusal changes nothing', async () => {
    const deps = makeAdminDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const seen: Person[] = [];
    const attempt = revokePersonAccess(deps, ADMIN, {
      personRef: String(invited.personId),
      confirm: async (person) => {
        seen.push(person);
        await refuse();
      },
    });
    await expect(attempt).rejects.toThrow('refusé');
    expect(seen.map((person) => person.id)).toEqual([invited.personId]);
    expect(await accessOf(invited.personId)).toBeUndefined();
  });

  test('revoke kills the pending invitation; restore of a never-activated person gives « none »', async () => {
    const deps = makeAdminDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const { person, revoked } = await revokePersonAccess(deps, ADMIN, {
      personRef: String(invited.personId),
      confirm: async () => {},
    });
    expect(person.id).toBe(invited.personId);
    expect(revoked).toMatchObject({ invites_revoked: 1, resets_invalidated: 0 });
    expect((await accessOf(invited.personId))?.revoked_at).toBeInstanceOf(Date);
    const restored = await restorePersonAccess(deps, ADMIN, { personRef: String(invited.personId) });
    expect(restored).toMatchObject({ person: { id: invited.personId }, access: 'none' });
    expect(await accessOf(invited.personId)).toBeUndefined();
  });
});

describe('deletePersonAfterConfirm', () => {
  test('a refusal keeps the person; a confirmation deletes them with their invitations', async () => {
    const deps = makeAdminDeps(t);
    const invited = await invitePerson(t.db, deps.clock());
    const ref = String(invited.personId);
    await expect(deletePersonAfterConfirm(deps, ADMIN, { personRef: ref, confirm: refuse })).rejects.toThrow('refusé');
    expect(await countRows(t, 'user_invites', invited.personId)).toBe(1);
    const deleted = await deletePersonAfterConfirm(deps, ADMIN, { personRef: ref, confirm: async () => {} });
    expect(deleted.id).toBe(invited.personId);
    expect(await countRows(t, 'user_invites', invited.personId)).toBe(0);
    const left = await t.db.transaction((tx) => tx`select 1 from zdl.personnes where id = ${invited.personId}`);
    expect(left).toHaveLength(0);
  });
});
