import { describe, expect, test } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, invitePerson, makeApp, postForm, readOutbox, uniqueEmail } from '../support/http.js';

// ZDL_APP_URL / ZDL_APP_NAME: where people go once their access works; ZDL_CONTACT: whom they ask.

const t = useTestDatabase();
const SIGNPOSTS = {
  ZDL_APP_URL: 'https://app.zdl.org/',
  ZDL_APP_NAME: 'l’Espace ZDL',
  ZDL_CONTACT: 'le secrétariat, 01 23 45 67 89',
};
const BUTTON = '<a class="button" href="https://app.zdl.org/">Se connecter à l’Espace ZDL</a>';

async function activate(env: Record<string, string>) {
  const h = makeApp(t, { env });
  const invited = await invitePerson(t.db, h.clock(), { email: uniqueEmail('panneau') });
  const done = await postForm(h.app, '/activate', {
    code: invited.code,
    mode: 'password',
    email: invited.email!,
    password: GOOD_PASSWORD,
    password_confirm: GOOD_PASSWORD,
  });
  await h.app.settle();
  return { h, invited, page: await done.text(), status: done.status };
}

describe('signposts', () => {
  test('set: the done page and the « accès activé » e-mail lead to the application, pages name the contact', async () => {
    const { h, invited, page, status } = await activate(SIGNPOSTS);
    expect(status).toBe(200);
    expect(page).toContain(BUTTON);
    expect(page).toContain('Une question ? le secrétariat, 01 23 45 67 89');
    const [mail] = readOutbox(h.outbox).filter((m) => m.template === 'access_activated');
    expect(mail!.text).toContain('Se connecter à l’Espace ZDL : https://app.zdl.org/');
    expect(mail!.text).toContain('le secrétariat, 01 23 45 67 89');
    // The same link opened again: already active, and the way to the application.
    const again = await h.app.request(`/activate?code=${invited.code}`);
    expect(await again.text()).toContain(BUTTON);
    expect(await (await h.app.request('/activate')).text()).toContain('Une question ? le secrétariat');
  });

  test('unset: no button, no contact line, the generic wording', async () => {
    const { h, page } = await activate({});
    expect(page).not.toContain('Se connecter à');
    expect(page).not.toContain('Une question ?');
    const [mail] = readOutbox(h.outbox).filter((m) => m.template === 'access_activated');
    expect(mail!.text).toContain('contactez rapidement un administrateur de l’association');
  });
});
