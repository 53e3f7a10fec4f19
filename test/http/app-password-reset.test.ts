import { beforeAll, describe, expect, test } from 'vitest';
import { revokeAccess } from '../../src/auth/access.js';
import { hashPassword, verifyPassword } from '../../src/auth/password-hash.js';
import { createPasswordReset, type CreatedReset } from '../../src/auth/password-reset.js';
import { useTestDatabase } from '../support/database.js';
import {
  createActiveAccount,
  GOOD_PASSWORD,
  inputValue,
  makeApp,
  postForm,
  readOutbox,
  uniqueEmail,
  type TestApp,
} from '../support/http.js';

const t = useTestDatabase();
const NEW_PASSWORD = 'une tout autre phrase secrète';
let oldHash: string;

beforeAll(async () => {
  oldHash = await hashPassword(GOOD_PASSWORD);
});

async function startReset(h: TestApp, email: string): Promise<CreatedReset> {
  const reset = await t.db.transaction((tx) => createPasswordReset(tx, { email }, { actor: 'web', now: h.clock() }));
  if (typeof reset === 'string') throw new Error(`no reset: ${reset}`);
  return reset;
}

function resetFields(token: string, otp: string, password = NEW_PASSWORD, confirm = password) {
  return { token, otp, password, password_confirm: confirm };
}

function wrongOtp(otp: string): string {
  return otp === '000000' ? '111111' : '000000';
}

async function attemptsOf(token: CreatedReset) {
  const [row] = await t.db.transaction(
    (tx) => tx`
    select attempts from zdl.password_resets where account_id = ${token.account_id} order by id desc limit 1`,
  );
  return row!.attempts as number;
}

describe('reset password', () => {
  test('GET shows the form as often as asked and consumes nothing; an unknown token gets the invalid page', async () => {
    const h = makeApp(t);
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('get'), oldHash);
    const reset = await startReset(h, email);
    for (let i = 0; i < 3; i++) {
      const response = await h.app.request(`/reset-password?token=${reset.token}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(inputValue(page, 'token')).toBe(reset.token);
      expect(page).toContain('inputmode="numeric"');
      expect(page).toContain('autocomplete="one-time-code"');
    }
    expect(await attemptsOf(reset)).toBe(0);
    const done = await postForm(h.app, '/reset-password', resetFields(reset.token, reset.otp));
    expect(done.status).toBe(200);
    for (const path of [`/reset-password?token=${'x'.repeat(43)}`, '/reset-password']) {
      const invalid = await h.app.request(path);
      expect(invalid.status).toBe(410);
      expect(await invalid.text()).toContain('Ce lien est expiré ou invalide');
    }
  });

  test('a wrong code is counted and says how many attempts are left; a refused password or malformed code costs none', async () => {
    const h = makeApp(t);
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('essai'), oldHash);
    const reset = await startReset(h, email);
    const wrong = await postForm(h.app, '/reset-password', resetFields(reset.token, wrongOtp(reset.otp)));
    expect(wrong.status).toBe(422);
    const page = await wrong.text();
    expect(page).toContain('Il vous reste 4 essais');
    expect(inputValue(page, 'otp')).toBeUndefined();
    expect(page).not.toContain(NEW_PASSWORD);
    expect(await attemptsOf(reset)).toBe(1);

    const weak = await postForm(h.app, '/reset-password', resetFields(reset.token, wrongOtp(reset.otp), 'court'));
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('au moins 8 caractères');
    const malformed = await postForm(h.app, '/reset-password', resetFields(reset.token, '12ab'));
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('code à 6 chiffres');
    expect(await attemptsOf(reset)).toBe(1);
  });

  test('after 5 wrong codes the reset is dead, even for the right code', async () => {
    const h = makeApp(t);
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('cinq'), oldHash);
    const reset = await startReset(h, email);
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await postForm(h.app, '/reset-password', resetFields(reset.token, wrongOtp(reset.otp))));
    }
    expect(answers.map((answer) => answer.status)).toEqual([422, 422, 422, 422, 410]);
    expect(await answers[4]!.text()).toContain('Trop de codes incorrects');
    const right = await postForm(h.app, '/reset-password', resetFields(reset.token, reset.otp));
    expect(right.status).toBe(410);
    // Later visits say why too: the token carries 256 bits, only its owner opens it.
    expect(await right.text()).toContain('Trop de codes incorrects');
    const opened = await h.app.request(`/reset-password?token=${reset.token}`);
    expect(opened.status).toBe(410);
    expect(await opened.text()).toContain('Trop de codes incorrects');
    expect(await attemptsOf(reset)).toBe(5);
  });

  test('the right code replaces the password, spends the token, kills earlier links, audits and e-mails', async () => {
    const h = makeApp(t);
    const { email, personId } = await createActiveAccount(t.db, h.clock(), uniqueEmail('succes'), oldHash);
    const earlier = await startReset(h, email);
    const reset = await startReset(h, email);
    expect((await h.app.request(`/reset-password?token=${earlier.token}`)).status).toBe(410);

    const done = await postForm(
      h.app,
      '/reset-password',
      resetFields(reset.token, ` ${reset.otp.slice(0, 3)} ${reset.otp.slice(3)} `),
    );
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Votre mot de passe a été modifié');
    const [account] = await t.db.transaction(
      (tx) => tx`select password_hash from zdl.accounts where personne_id = ${personId}`,
    );
    expect(await verifyPassword(account!.password_hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(account!.password_hash, GOOD_PASSWORD)).toBe(false);

    const again = await postForm(
      h.app,
      '/reset-password',
      resetFields(reset.token, reset.otp, 'encore une autre phrase'),
    );
    expect(again.status).toBe(410);
    const live = await t.db.transaction(
      (tx) => tx`
      select count(*)::int as n from zdl.password_resets r join zdl.accounts a on a.id = r.account_id
      where a.personne_id = ${personId} and r.used_at is null and r.invalidated_at is null`,
    );
    expect(live[0]!.n).toBe(0);
    const actions = await t.db.transaction(
      (tx) => tx`
      select action from zdl.audit_log where personne_id = ${personId} and action like 'password.%' order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'password.reset_requested',
      'password.reset_requested',
      'password.reset_completed',
    ]);
    await h.app.settle();
    expect(readOutbox(h.outbox).map((m) => [m.template, m.to[0]!.email])).toEqual([['password_changed', email]]);
  });

  test('a reset through the e-mail: forgot password, the link, the code, the new password', async () => {
    const h = makeApp(t);
    const { email } = await createActiveAccount(t.db, h.clock(), uniqueEmail('parcours'), oldHash);
    await postForm(h.app, '/forgot-password', { email });
    await h.app.settle();
    const [mail] = readOutbox(h.outbox);
    const link = /https:\/\/\S+\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text)!;
    const otp = /^\s+(\d{6})$/m.exec(mail!.text)![1]!;
    const form = await h.app.request(new URL(link[0]).pathname + new URL(link[0]).search);
    expect(form.status).toBe(200);
    expect((await postForm(h.app, '/reset-password', resetFields(link[1]!, otp))).status).toBe(200);
  });

  test('revoking access kills a pending reset', async () => {
    const h = makeApp(t);
    const { email, personId } = await createActiveAccount(t.db, h.clock(), uniqueEmail('revoque'), oldHash);
    const reset = await startReset(h, email);
    await t.db.transaction((tx) => revokeAccess(tx, personId, { actor: 'cli:test', now: h.clock() }));
    expect((await h.app.request(`/reset-password?token=${reset.token}`)).status).toBe(410);
    expect((await postForm(h.app, '/reset-password', resetFields(reset.token, reset.otp))).status).toBe(410);
  });
});
