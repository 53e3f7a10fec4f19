import { describe, expect, test } from 'vitest';
import { restoreAccess, revokeAccess } from '../../src/auth/access.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, uniqueEmail } from '../support/http.js';

// The read model the association's application depends on (sql/002_sign_in.sql, docs/sign-in.md).
const t = useTestDatabase();
const admin = (now: Date) => ({ actor: 'cli:test', now });

const accountRow = (personId: number) =>
  t.db.transaction(async (tx) => (await tx`select * from zdl.sign_in_accounts where person_id = ${personId}`)[0]);

describe('zdl.sign_in_accounts', () => {
  test('has exactly the documented columns, in order (contract v1)', async () => {
    const columns = await t.db.transaction(
      (tx) => tx`select column_name, data_type from information_schema.columns
        where table_schema = 'zdl' and table_name = 'sign_in_accounts' order by ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type])).toEqual([
      ['person_id', 'integer'],
      ['nom', 'text'],
      ['prenom', 'text'],
      ['role', 'text'],
      ['email', 'text'],
      ['password_hash', 'text'],
      ['google_sub', 'text'],
      ['active', 'boolean'],
      ['updated_at', 'timestamp with time zone'],
    ]);
  });

  test('an activated account is active; revoked it is not; restored it is again, with the same hash', async () => {
    const now = new Date();
    const email = uniqueEmail('Vue');
    const account = await createActiveAccount(t.db, now, email, await hashPassword('rivière lente sous la pluie'));
    const active = await accountRow(account.personId);
    expect(active).toMatchObject({ person_id: account.personId, nom: 'Durand', prenom: 'Camille', role: 'benevole' });
    expect(active).toMatchObject({ email, google_sub: null, active: true });
    expect(active!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const later = new Date(now.getTime() + 60_000);
    await t.db.transaction((tx) => revokeAccess(tx, account.personId, admin(later)));
    const revoked = await accountRow(account.personId);
    expect(revoked).toMatchObject({ active: false, password_hash: active!.password_hash });
    expect(revoked!.updated_at.getTime()).toBe(later.getTime());
    await t.db.transaction((tx) => restoreAccess(tx, account.personId, admin(later)));
    expect(await accountRow(account.personId)).toMatchObject({ active: true });
  });

  test('the check constraint refuses a non-canonical or foreign hash', async () => {
    const account = await createActiveAccount(t.db, new Date(), uniqueEmail(), await hashPassword('x'.repeat(12)));
    const mpt = '$argon2id$v=19$m=19456,p=1,t=2$c2FsdHNhbHQ$aGFzaA';
    for (const bad of [mpt, '$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA', '$argon2id$v=19$m=19456,t=2,p=1$$']) {
      await expect(
        t.db.transaction((tx) => tx`update zdl.accounts set password_hash = ${bad} where id = ${account.accountId}`),
      ).rejects.toMatchObject({ code: '23514', constraint_name: 'accounts_password_hash_canonical' });
    }
  });
});

describe('zdl.rehash_password', () => {
  test('replaces the hash only while it is still the one the application verified, on an active account', async () => {
    const account = await createActiveAccount(t.db, new Date(), uniqueEmail(), await hashPassword('ancien secret'));
    const { password_hash: old } = (await accountRow(account.personId))!;
    const fresh = await hashPassword('ancien secret');
    const rehash = (from: string, to: string) =>
      t.db.transaction(
        async (tx) => (await tx`select zdl.rehash_password(${account.personId}, ${from}, ${to}) as ok`)[0]!.ok,
      );
    expect(await rehash(old, fresh)).toBe(true);
    expect((await accountRow(account.personId))!.password_hash).toBe(fresh);
    expect(await rehash(old, await hashPassword('ancien secret'))).toBe(false); // stale: someone changed it
    await t.db.transaction((tx) => revokeAccess(tx, account.personId, admin(new Date())));
    expect(await rehash(fresh, old)).toBe(false);
  });
});
