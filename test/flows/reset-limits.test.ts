import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_CONSECUTIVE_FAILURES, MAX_OTP_ATTEMPTS, RESET_EMAILS_PER_WINDOW } from '../../src/auth/password-reset.js';
import { restorePersonAccess } from '../../src/flows/restore-access.js';
import { revokePersonAccess } from '../../src/flows/revoke-access.js';
import { sendPasswordResetToPerson } from '../../src/flows/send-password-reset.js';
import { unlockPersonResets } from '../../src/flows/unlock-resets.js';
import { ADMIN, makeAdminDeps } from '../support/admin-flows.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { type FakeMailerSend, startFakeMailerSend } from '../support/fake-mailersend.js';
import { createActiveAccount, uniqueEmail } from '../support/http.js';

const t = useTestDatabase();
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA';
let fake: FakeMailerSend;
beforeAll(async () => {
  fake = await startFakeMailerSend();
});
afterAll(() => fake.close());

const refusal = { message: 'The to.0.email must be a valid email address.', errors: {} };

describe('the 3-per-15-minutes cap counts only e-mails the provider accepted', () => {
  test('three refused sends leave the cap untouched; three accepted ones reach it', async () => {
    const deps = makeAdminDeps(t, { mailerSendUrl: fake.url });
    const account = await createActiveAccount(t.db, deps.clock(), uniqueEmail('cap'), HASH);
    const ref = { personRef: String(account.personId) };
    fake.respondWith(Array.from({ length: RESET_EMAILS_PER_WINDOW }, () => ({ status: 422, body: refusal })));
    for (let i = 0; i < RESET_EMAILS_PER_WINDOW; i++) {
      await expect(sendPasswordResetToPerson(deps, ADMIN, ref)).rejects.toMatchObject({ code: 'MAIL_FAILED' });
    }
    for (let i = 0; i < RESET_EMAILS_PER_WINDOW; i++) {
      expect((await sendPasswordResetToPerson(deps, ADMIN, ref)).status).toBe('sent');
    }
    expect(await sendPasswordResetToPerson(deps, ADMIN, ref)).toMatchObject({
      status: 'refused',
      reason: 'rate_limited',
    });
  });
});

/** 100 wrong codes in a row, as 20 resets whose 5 attempts were all wrong. */
async function exhaustResets(accountId: number, now: Date) {
  const created = new Date(now.getTime() - 3_600_000);
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES / MAX_OTP_ATTEMPTS; i++) {
      await tx`insert into zdl.password_resets
          (token_hash, otp_hash, account_id, created_at, expires_at, attempts, invalidated_at, created_by)
        values (${randomBytes(32)}, ${randomBytes(32)}, ${accountId}, ${created},
          ${new Date(created.getTime() + 60_000)}, ${MAX_OTP_ATTEMPTS}, ${created}, 'web')`;
    }
  });
}

describe('after 100 wrong reset codes', () => {
  test('« reset unlock » (audited) lets a reset be sent again', async () => {
    const deps = makeAdminDeps(t);
    const account = await createActiveAccount(t.db, deps.clock(), uniqueEmail('verrou'), HASH);
    const ref = { personRef: String(account.personId) };
    await exhaustResets(account.accountId, deps.clock());
    expect(await sendPasswordResetToPerson(deps, ADMIN, ref)).toMatchObject({
      status: 'refused',
      reason: 'too_many_failures',
    });
    deps.clock.advance(1000);
    expect(await unlockPersonResets(deps, ADMIN, ref)).toMatchObject({ failuresCleared: MAX_CONSECUTIVE_FAILURES });
    deps.clock.advance(1000);
    expect((await sendPasswordResetToPerson(deps, ADMIN, ref)).status).toBe('sent');
    const audit = await t.db.transaction(
      (tx) => tx`select actor, detail from zdl.audit_log
        where action = 'password.reset_unlocked' and personne_id = ${account.personId}`,
    );
    expect(audit).toEqual([{ actor: ADMIN.actor, detail: { failures_cleared: MAX_CONSECUTIVE_FAILURES } }]);
  });

  test('« access restore » clears it too', async () => {
    const deps = makeAdminDeps(t);
    const account = await createActiveAccount(t.db, deps.clock(), uniqueEmail('retabli'), HASH);
    const ref = { personRef: String(account.personId) };
    await exhaustResets(account.accountId, deps.clock());
    await revokePersonAccess(deps, ADMIN, { ...ref, confirm: async () => {} });
    deps.clock.advance(1000);
    await restorePersonAccess(deps, ADMIN, ref);
    deps.clock.advance(1000);
    expect((await sendPasswordResetToPerson(deps, ADMIN, ref)).status).toBe('sent');
  });

  test('the CLI: « zdl reset send » says how to unlock, « zdl reset unlock » does it', async () => {
    const deps = makeAdminDeps(t);
    const account = await createActiveAccount(t.db, deps.clock(), uniqueEmail('cli'), HASH);
    await exhaustResets(account.accountId, deps.clock());
    const env = { ...t.env, ZDL_MAIL_OUTBOX: t.dir };
    const refused = await runCli(['reset', 'send', String(account.personId)], { env, cwd: t.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('zdl reset unlock <personne>');
    const unlocked = await runCli(['reset', 'unlock', String(account.personId), '--json'], { env, cwd: t.dir });
    expect(unlocked.code).toBe(0);
    expect(JSON.parse(unlocked.stdout)).toEqual({ person_id: account.personId, failures_cleared: 100 });
    expect((await runCli(['reset', 'send', String(account.personId)], { env, cwd: t.dir })).code).toBe(0);
  });

  test('« reset unlock » of a person without an activated account is refused', async () => {
    const deps = makeAdminDeps(t);
    const person = await t.db.transaction(
      (tx) => tx<{ id: number }[]>`insert into zdl.personnes (nom, prenom) values ('Sans', 'Compte') returning id`,
    );
    await expect(unlockPersonResets(deps, ADMIN, { personRef: String(person[0]!.id) })).rejects.toMatchObject({
      code: 'NO_ACTIVE_ACCESS',
    });
  });
});
