import { describe, expect, test } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password-hash.js';
import { createPasswordReset, MAX_OTP_ATTEMPTS, type CreatedReset } from '../../src/auth/password-reset.js';
import { openResetLink } from '../../src/flows/open-reset-link.js';
import { requestPasswordReset } from '../../src/flows/request-password-reset.js';
import { resetPassword } from '../../src/flows/reset-password.js';
import { useTestDatabase } from '../support/database.js';
import { auditOf, makeFlowDeps, type TestFlowDeps } from '../support/flows.js';
import { createActiveAccount, GOOD_PASSWORD, readOutbox, uniqueEmail } from '../support/http.js';

const t = useTestDatabase();
// The use cases audit under the actor they are given: a `cli:` one here proves nothing hard-codes 'web'.
const ACTOR = { actor: 'cli:flow-test' };
const NEW_PASSWORD = 'une tout autre phrase secrète';

async function activeAccount(deps: TestFlowDeps) {
  return createActiveAccount(t.db, deps.clock(), uniqueEmail('reset'), await hashPassword(GOOD_PASSWORD));
}

async function startReset(deps: TestFlowDeps, email: string): Promise<CreatedReset> {
  const reset = await t.db.transaction((tx) => createPasswordReset(tx, { email }, { actor: 'web', now: deps.clock() }));
  if (typeof reset === 'string') throw new Error(`no reset: ${reset}`);
  return reset;
}

const wrongOtp = (otp: string) => (otp === '000000' ? '111111' : '000000');

async function passwordHashOf(accountId: number) {
  const [row] = await t.db.transaction(
    (tx) => tx<{ password_hash: string }[]>`select password_hash from zdl.accounts where id = ${accountId}`,
  );
  return row!.password_hash;
}

describe('requestPasswordReset', () => {
  test('an active account gets the e-mail, audited under the given actor', async () => {
    const deps = makeFlowDeps(t);
    const account = await activeAccount(deps);
    expect(await requestPasswordReset(deps, ACTOR, { email: account.email.toUpperCase() })).toEqual({
      status: 'sent',
    });
    expect(await auditOf(t, account.personId)).toContainEqual({
      actor: ACTOR.actor,
      action: 'password.reset_requested',
    });
    await deps.settle();
    expect(readOutbox(deps.outbox).map((m) => [m.template, m.to[0]!.email])).toEqual([
      ['password_reset', account.email],
    ]);
  });

  test('an unknown address: not sent, and no e-mail', async () => {
    const deps = makeFlowDeps(t);
    expect(await requestPasswordReset(deps, ACTOR, { email: uniqueEmail('nobody') })).toEqual({
      status: 'not_sent',
      reason: 'no_active_account',
    });
    await deps.settle();
    expect(readOutbox(deps.outbox)).toEqual([]);
  });
});

describe('openResetLink', () => {
  test('a live token is live, a garbage one invalid; neither is consumed', async () => {
    const deps = makeFlowDeps(t);
    const reset = await startReset(deps, (await activeAccount(deps)).email);
    expect(await openResetLink(deps, reset.token)).toEqual({ status: 'live' });
    expect(await openResetLink(deps, reset.token)).toEqual({ status: 'live' });
    expect(await openResetLink(deps, 'x'.repeat(43))).toEqual({ status: 'dead', reason: 'unknown' });
  });
});

describe('resetPassword', () => {
  test('the right code replaces the password under the given actor and e-mails « mot de passe modifié »', async () => {
    const deps = makeFlowDeps(t);
    const account = await activeAccount(deps);
    const reset = await startReset(deps, account.email);
    const result = await resetPassword(deps, ACTOR, {
      token: reset.token,
      otp: reset.otp,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(result).toMatchObject({ status: 'done', account: { account_id: account.accountId } });
    expect(await verifyPassword(await passwordHashOf(account.accountId), NEW_PASSWORD)).toBe(true);
    expect(await auditOf(t, account.personId)).toContainEqual({
      actor: ACTOR.actor,
      action: 'password.reset_completed',
    });
    await deps.settle();
    expect(readOutbox(deps.outbox).map((m) => m.template)).toEqual(['password_changed']);
    expect(await openResetLink(deps, reset.token)).toEqual({ status: 'dead', reason: 'used' });
  });

  test('a refused password costs no attempt and changes nothing', async () => {
    const deps = makeFlowDeps(t);
    const account = await activeAccount(deps);
    const reset = await startReset(deps, account.email);
    const result = await resetPassword(deps, ACTOR, {
      token: reset.token,
      otp: wrongOtp(reset.otp),
      password: NEW_PASSWORD,
      confirm: 'autre chose',
    });
    expect(result).toMatchObject({ status: 'password_refused', field: 'password_confirm' });
    const [row] = await t.db.transaction(
      (tx) => tx`select attempts from zdl.password_resets where account_id = ${account.accountId}`,
    );
    expect(row!.attempts).toBe(0);
  });

  test('wrong codes count down and the last one locks the reset', async () => {
    const deps = makeFlowDeps(t);
    const account = await activeAccount(deps);
    const reset = await startReset(deps, account.email);
    const input = { token: reset.token, otp: wrongOtp(reset.otp), password: NEW_PASSWORD, confirm: NEW_PASSWORD };
    for (let left = MAX_OTP_ATTEMPTS - 1; left > 0; left--) {
      expect(await resetPassword(deps, ACTOR, input)).toEqual({ status: 'wrong_code', attemptsLeft: left });
    }
    expect(await resetPassword(deps, ACTOR, input)).toEqual({ status: 'locked' });
    expect(await resetPassword(deps, ACTOR, { ...input, otp: reset.otp })).toEqual({ status: 'invalid' });
    expect(await auditOf(t, account.personId)).toContainEqual({ actor: ACTOR.actor, action: 'password.reset_failed' });
    expect(await verifyPassword(await passwordHashOf(account.accountId), GOOD_PASSWORD)).toBe(true);
  });
});
