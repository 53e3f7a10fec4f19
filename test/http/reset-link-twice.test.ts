import { beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/auth/password-hash.js';
import { createPasswordReset, type CreatedReset, RESET_VALIDITY_MS } from '../../src/auth/password-reset.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, GOOD_PASSWORD, makeApp, postForm, type TestApp, uniqueEmail } from '../support/http.js';

// A reset link opened a second time, a day late, or after a newer request says what happened and
// what to do next, on the GET (before typing anything) and on the POST alike.

const t = useTestDatabase();
let oldHash: string;
beforeAll(async () => {
  oldHash = await hashPassword(GOOD_PASSWORD);
});

async function startReset(h: TestApp, email?: string): Promise<CreatedReset & { email: string }> {
  email ??= (await createActiveAccount(t.db, h.clock(), uniqueEmail('deux-fois'), oldHash)).email;
  const reset = await t.db.transaction((tx) => createPasswordReset(tx, { email }, { actor: 'web', now: h.clock() }));
  if (typeof reset === 'string') throw new Error(`no reset: ${reset}`);
  return { ...reset, email };
}

const post = (h: TestApp, reset: CreatedReset) =>
  postForm(h.app, '/reset-password', {
    token: reset.token,
    otp: reset.otp,
    password: 'une tout autre phrase secrète',
    password_confirm: 'une tout autre phrase secrète',
  });

async function opened(h: TestApp, reset: CreatedReset): Promise<{ status: number; page: string }> {
  const response = await h.app.request(`/reset-password?token=${reset.token}`);
  return { status: response.status, page: await response.text() };
}

describe('a reset link that no longer works', () => {
  test('already used: « déjà été changé », on the GET and on a second POST', async () => {
    const h = makeApp(t);
    const reset = await startReset(h);
    expect((await post(h, reset)).status).toBe(200);
    const again = await opened(h, reset);
    expect(again.status).toBe(410);
    expect(again.page).toContain('Votre mot de passe a déjà été changé');
    expect(again.page).toContain('href="/forgot-password"');
    const reposted = await post(h, reset);
    expect(reposted.status).toBe(410);
    expect(await reposted.text()).toContain('Votre mot de passe a déjà été changé');
  });

  test('a day late: « Ce lien a expiré » with a button to ask a new one', async () => {
    const h = makeApp(t);
    const reset = await startReset(h);
    h.clock.advance(RESET_VALIDITY_MS + 1);
    const late = await opened(h, reset);
    expect(late.status).toBe(410);
    expect(late.page).toContain('Ce lien a expiré');
    expect(late.page).toContain('Demander un nouveau lien');
    expect(await (await post(h, reset)).text()).toContain('Ce lien a expiré');
  });

  test('replaced by a newer request: says so, and the newer link works', async () => {
    const h = makeApp(t);
    const first = await startReset(h);
    h.clock.advance(1000);
    const second = await startReset(h, first.email);
    expect((await opened(h, first)).page).toContain('Ce lien a été remplacé');
    expect((await opened(h, second)).status).toBe(200);
  });

  test('an unknown or malformed token keeps the neutral page', async () => {
    const h = makeApp(t);
    for (const token of ['A'.repeat(43), 'court']) {
      const response = await h.app.request(`/reset-password?token=${token}`);
      expect(response.status).toBe(410);
      expect(await response.text()).toContain('Ce lien est expiré ou invalide');
    }
  });
});
