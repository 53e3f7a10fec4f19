import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, PUBLIC_URL, readOutbox, uniqueEmail } from '../support/http.js';

// A COMMIT that fails (here a constraint trigger deferred to COMMIT refusing the row) must be an
// error at the edge: exit 1, a French message, no code shown, nothing mailed, nothing half-written.

const t = useTestDatabase();
let outbox: string;
let account: Awaited<ReturnType<typeof createActiveAccount>>;
const cli = (...argv: string[]) =>
  runCli(argv, { env: { ...t.env, ZDL_PUBLIC_URL: PUBLIC_URL, ZDL_MAIL_OUTBOX: outbox }, cwd: t.dir });

beforeAll(async () => {
  outbox = mkdtempSync(path.join(t.dir, 'outbox-'));
  account = await createActiveAccount(t.db, new Date(), uniqueEmail('reset'), '$argon2id$v=19$m=1,t=1,p=1$eA$eQ');
  await t.db.transaction(async (tx) => {
    await tx.unsafe(`
      create function public.refuse_at_commit() returns trigger language plpgsql as $$
      begin raise exception 'refusé à la validation'; end $$`);
    for (const table of ['user_invites', 'password_resets'])
      await tx.unsafe(`
        create constraint trigger refuse_at_commit after insert on zdl.${table}
        deferrable initially deferred for each row execute function public.refuse_at_commit()`);
  });
});

describe('a COMMIT that fails', () => {
  test('persons add --invite: exit 1, no code printed, no person, no e-mail', async () => {
    const email = uniqueEmail('commit');
    const result = await cli('persons', 'add', '--nom', 'Valide', '--prenom', 'Jamais', '--email', email, '--invite');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Transaction non validée');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(result.stdout).not.toMatch(/ZDL-/);
    expect(readOutbox(outbox)).toEqual([]);
    const [row] = await t.db.transaction(
      (tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.personnes where nom = 'Valide'`,
    );
    expect(row!.n).toBe(0);
  });

  test('reset send: exit 1, nothing mailed, no reset row', async () => {
    const result = await cli('reset', 'send', String(account.personId), '--json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Transaction non validée');
    expect(readOutbox(outbox)).toEqual([]);
    const [row] = await t.db.transaction(
      (tx) => tx<{ n: number }[]>`select count(*)::int as n from zdl.password_resets`,
    );
    expect(row!.n).toBe(0);
  });
});
