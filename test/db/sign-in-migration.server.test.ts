import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectServer, type Database } from '../../src/db/client.js';
import { applyPendingMigrations, readMigrationFiles } from '../../src/db/migrations.js';
import { createServerDatabase } from '../support/database.js';
import { verifyWithArgon2Cffi } from '../support/real-verifiers.js';

// 002 rewrites the hashes zdl wrote before it (node-argon2's m,p,t order) in place: the same
// passwords then verify with argon2-cffi, and nobody has to choose a new one.
let db: Database;
let drop: () => Promise<void>;
const PASSWORD = 'Crème brûlée à l’été';

beforeAll(async () => {
  const created = await createServerDatabase();
  drop = created.drop;
  db = connectServer(created.url, { max: 2 });
  await applyPendingMigrations(
    db,
    readMigrationFiles().filter((file) => file.version === '001'),
  );
});
afterAll(async () => {
  await db.close();
  await drop();
});

describe('migration 002 on hashes written before it', () => {
  test('reorders m,p,t into m,t,p without touching salt, digest or updated_at; argon2-cffi then verifies', async () => {
    const old = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(old).toContain('$m=19456,p=1,t=2$');
    const changedAt = new Date('2026-01-02T03:04:05Z');
    await db.transaction(
      (tx) => tx`
      with p as (insert into zdl.personnes (nom, prenom) values ('Ancien', 'Compte') returning id)
      insert into zdl.accounts (personne_id, email, password_hash, activated_at, updated_at)
      select id, 'ancien@exemple.org', ${old}, ${changedAt}, ${changedAt} from p`,
    );
    expect((await verifyWithArgon2Cffi([{ hash: old, password: PASSWORD }]))[0]!.ok).toBe(
      'VerificationError: Decoding failed',
    );

    expect(await applyPendingMigrations(db)).toContain('002_sign_in');

    const [row] = await db.transaction(
      (tx) => tx`select password_hash, updated_at from zdl.accounts where email = 'ancien@exemple.org'`,
    );
    expect(row!.password_hash).toBe(old.replace('m=19456,p=1,t=2', 'm=19456,t=2,p=1'));
    expect(row!.updated_at.getTime()).toBe(changedAt.getTime());
    expect(await verifyWithArgon2Cffi([{ hash: row!.password_hash, password: PASSWORD }])).toEqual([
      { ok: true, rehash: false },
    ]);
  });
});
