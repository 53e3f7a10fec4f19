import { describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createAttemptLog } from '../../src/mail/attempt-log.js';
import { listEmailLog } from '../../src/mail/log.js';
import type { EmailAttempt } from '../../src/mail/message.js';
import { useTestDatabase } from '../support/database.js';

// Attempts made while a log write is in flight share the next one; every caller still learns
// whether its own line was written.
const t = useTestDatabase();

const attempt = (to: string, status = 'outbox'): EmailAttempt => ({
  to,
  personId: null,
  template: 'invitation',
  status: status as EmailAttempt['status'],
  providerMessageId: null,
  attempt: 1,
  error: null,
});

/** The test database, counting its transactions. */
function counted(db: Database) {
  const counter = { transactions: 0 };
  const wrapped: Database = {
    ...db,
    transaction: (fn, options) => {
      counter.transactions++;
      return db.transaction(fn, options);
    },
  };
  return { db: wrapped, counter };
}

async function loggedTo(prefix: string): Promise<string[]> {
  const rows = await t.db.transaction((tx) => listEmailLog(tx, { limit: null }));
  return rows
    .filter((row) => row.to.startsWith(prefix))
    .reverse()
    .map((row) => row.to);
}

describe('createAttemptLog', () => {
  test('one attempt alone is one transaction; those made meanwhile go together, in order', async () => {
    const { db, counter } = counted(t.db);
    const record = createAttemptLog(db);
    await record(attempt('seul@lot.example'));
    expect(counter.transactions).toBe(1);
    const addresses = Array.from({ length: 5 }, (_, i) => `lot${i}@lot.example`);
    await Promise.all(addresses.map((to) => record(attempt(to))));
    expect(counter.transactions).toBe(3); // the first alone, the four made while it was written together
    expect(await loggedTo('lot')).toEqual(addresses);
  });

  test('a failed write fails each attempt it held, and the next attempts are written', async () => {
    const record = createAttemptLog(t.db);
    const first = record(attempt('avant@echec.example'));
    const held = [record(attempt('ok@echec.example')), record(attempt('bad@echec.example', 'inconnu'))];
    await expect(first).resolves.toBeUndefined();
    for (const outcome of await Promise.allSettled(held)) expect(outcome.status).toBe('rejected');
    await expect(record(attempt('apres@echec.example'))).resolves.toBeUndefined();
    expect(await loggedTo('')).toEqual(expect.arrayContaining(['avant@echec.example', 'apres@echec.example']));
    expect(await loggedTo('ok@echec')).toEqual([]);
  });
});
