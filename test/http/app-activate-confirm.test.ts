import { describe, expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { confirmationMailTo, formTokenOf } from '../support/email-confirmation.js';
import { expectFrenchPage } from '../support/page-expectations.js';
import {
  GOOD_PASSWORD,
  invitePerson,
  makeApp,
  postForm,
  readOutbox,
  type TestApp,
  uniqueEmail,
} from '../support/http.js';

const t = useTestDatabase();

/** POST /activate with a typo of the address on file: the page that asks for its confirmation. */
async function activateWithTypo(testApp: TestApp) {
  const onFile = uniqueEmail('claire');
  const typo = onFile.replace('@exemple.org', '@exmaple.org');
  const invited = await invitePerson(t.db, testApp.clock(), { nom: 'Lefebvre', prenom: 'Claire', email: onFile });
  const fields = { code: invited.code, mode: 'password', email: typo, password: GOOD_PASSWORD };
  const response = await postForm(testApp.app, '/activate', { ...fields, password_confirm: GOOD_PASSWORD });
  const page = await response.text();
  await testApp.app.settle();
  return { invited, typo, response, page, mail: confirmationMailTo(testApp.outbox, typo) };
}

const accountsOf = (personId: number) =>
  t.db.transaction((tx) => tx`select email from zdl.accounts where personne_id = ${personId}`);
const inviteUsedAt = async (inviteId: number) =>
  (await t.db.transaction((tx) => tx`select used_at from zdl.user_invites where id = ${inviteId}`))[0]!.used_at;

describe('activation with an address other than the one on file', () => {
  test('the page asks to confirm it; the code typed there activates, the « accès activé » e-mail follows', async () => {
    const testApp = makeApp(t);
    const { invited, typo, response, page, mail } = await activateWithTypo(testApp);
    expect(response.status).toBe(200);
    expect(page).toContain('<title>Confirmez votre adresse e-mail');
    expect(page).toContain(`<strong>${typo}</strong>`);
    expect(page).toContain('valables 20 minutes');
    expect(page).toContain('name="otp"');
    expect(page).not.toContain('Votre accès est activé');
    expect(page).not.toContain(mail.otp);
    expect(page).not.toContain(mail.token);
    expect(await accountsOf(invited.personId)).toEqual([]);
    expect(await inviteUsedAt(invited.inviteId)).toBeNull();

    const done = await postForm(testApp.app, '/activate/confirm', {
      form: formTokenOf(page),
      otp: `${mail.otp.slice(0, 3)} ${mail.otp.slice(3)}`,
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Votre accès est activé');
    expect((await accountsOf(invited.personId)).map((a) => a.email)).toEqual([typo]);
    expect(await inviteUsedAt(invited.inviteId)).not.toBeNull();
    await testApp.app.settle();
    expect(
      readOutbox(testApp.outbox)
        .filter((m) => m.template === 'access_activated')
        .map((m) => m.to[0]!.email),
    ).toEqual([typo]);
  });

  test('the link’s GET only shows a button (scanner-safe); its POST activates; then it is dead (410)', async () => {
    const testApp = makeApp(t);
    const { invited, mail } = await activateWithTypo(testApp);
    const link = new URL(mail.url);
    for (let i = 0; i < 2; i++) {
      const shown = await testApp.app.request(`${link.pathname}${link.search}`);
      expect(shown.status).toBe(200);
      const page = await shown.text();
      expect(page).toContain('Confirmer mon adresse et activer mon accès');
      expect(page).toContain('method="post"');
    }
    expect(await accountsOf(invited.personId)).toEqual([]);
    const done = await postForm(testApp.app, '/activate/confirm', { token: mail.token });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Votre accès est activé');
    expect(await accountsOf(invited.personId)).toHaveLength(1);
    await expectFrenchPage(await testApp.app.request(`${link.pathname}${link.search}`), 410, 'expiré ou invalide');
    await expectFrenchPage(
      await postForm(testApp.app, '/activate/confirm', { token: mail.token }),
      410,
      'expiré ou invalide',
    );
  });

  test('wrong codes say how many tries are left; the fifth kills the code and the link (410)', async () => {
    const testApp = makeApp(t);
    const { invited, page, mail } = await activateWithTypo(testApp);
    const form = formTokenOf(page);
    const wrong = mail.otp === '000000' ? '111111' : '000000';
    const malformed = await postForm(testApp.app, '/activate/confirm', { form, otp: '12' });
    expect(malformed.status).toBe(422);
    for (const left of [4, 3, 2, 1]) {
      const answer = await postForm(testApp.app, '/activate/confirm', { form, otp: wrong });
      expect(answer.status).toBe(422);
      const again = await answer.text();
      expect(again).toContain(`Il vous reste ${left} essai`);
      expect(formTokenOf(again)).toBe(form);
    }
    await expectFrenchPage(
      await postForm(testApp.app, '/activate/confirm', { form, otp: wrong }),
      410,
      'Trop de codes incorrects',
    );
    await expectFrenchPage(
      await postForm(testApp.app, '/activate/confirm', { form, otp: mail.otp }),
      410,
      'expiré ou invalide',
    );
    const link = new URL(mail.url);
    await expectFrenchPage(await testApp.app.request(`${link.pathname}${link.search}`), 410, 'expiré ou invalide');
    expect(await accountsOf(invited.personId)).toEqual([]);
    expect(await inviteUsedAt(invited.inviteId)).toBeNull();
  });

  test('after 20 minutes the link and the code answer 410; unknown tokens too', async () => {
    const testApp = makeApp(t);
    const { page, mail } = await activateWithTypo(testApp);
    testApp.clock.advance(20 * 60_000 + 1);
    const link = new URL(mail.url);
    await expectFrenchPage(await testApp.app.request(`${link.pathname}${link.search}`), 410, 'expiré ou invalide');
    await expectFrenchPage(
      await postForm(testApp.app, '/activate/confirm', { form: formTokenOf(page), otp: mail.otp }),
      410,
      'expiré ou invalide',
    );
    await expectFrenchPage(await testApp.app.request('/activate/confirm?token=nimporte'), 410, 'expiré ou invalide');
  });

  test('POST /activate/confirm goes through the per-IP limit', async () => {
    const { app } = makeApp(t, { postRateLimit: { limit: 1, windowMs: 60_000 } });
    const ip = '192.0.2.77';
    expect((await postForm(app, '/activate/confirm', { token: 'x' }, { ip })).status).toBe(410);
    await expectFrenchPage(await postForm(app, '/activate/confirm', { token: 'x' }, { ip }), 429, 'Trop de tentatives');
  });
});
