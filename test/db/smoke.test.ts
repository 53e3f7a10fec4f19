import { expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';

const t = useTestDatabase();

test('the test database is migrated', async () => {
  const rows = await t.db.transaction((tx) => tx`select count(*)::int as n from zdl.personnes`);
  expect(rows[0]?.n).toBe(0);
});
