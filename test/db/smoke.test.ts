import { expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();

test('the test database is migrated', async () => {
  const rows = await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes`);
  expect(rows[0]?.n).toBe(0);
});

// Declared read-only transactions skip the commit check (src/db/transaction.ts): PostgreSQL
// itself must refuse a write in them, or a write there would go unverified.
test('a read-only transaction reads, and PostgreSQL refuses a write in it: nothing is kept', async () => {
  const count = async () => (await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes`))[0]?.n;
  const before = await count();
  expect(await t.db.transaction((tx) => tx`select 1 as one`, { readOnly: true })).toEqual([{ one: 1 }]);
  const write = t.db.transaction((tx) => tx`insert into zdl.personnes (nom, prenom) values ('Lecture', 'Seule')`, {
    readOnly: true,
  });
  await expect(write).rejects.toMatchObject({ code: '25006' });
  expect(await count()).toBe(before);
});
