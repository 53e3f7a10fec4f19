import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { GOOD_PASSWORD, invitePerson, uniqueEmail } from '../support/http.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { expectAccessible } from './expect-accessible.js';
import { accountOf, expectCleanLogs, linkIn, newContext, otpIn, submit, VIEWPORTS, waitForMail } from './helpers.js';

// Claire types her address with a typo: the page asks to confirm it (axe-checked like every page,
// accessibility.embedded.test.ts), a wrong code says so, and the e-mail's link — a button, never a
// change on GET — activates the access with the address she confirmed.

const t = useTestDatabase();
let server: ServeProcess;
let browser: Browser;
const notes = new Set<string>();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServeProcess(t), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  if (notes.size > 0) console.info(`axe, below « serious » or to review by hand:\n${[...notes].join('\n')}`);
  expect(code, server?.output.stderr).toBe(0);
  if (server) expectCleanLogs(server);
});

for (const viewport of VIEWPORTS) {
  describe(`${viewport.name} (${viewport.size.width} px)`, () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await newContext(browser, viewport, { bypassCSP: true });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    test('a typo is confirmed before the access is active', async () => {
      const onFile = uniqueEmail(`claire-${viewport.name}`);
      const typo = onFile.replace('@exemple.org', '@exmaple.org');
      const invited = await invitePerson(t.db, new Date(), { nom: 'Lefebvre', prenom: 'Claire', email: onFile });
      await page.goto(`${server.origin}/activate?code=${encodeURIComponent(invited.code)}`);
      await page.getByLabel('Adresse e-mail').fill(typo);
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD);
      await page.getByLabel('Confirmation du mot de passe').fill(GOOD_PASSWORD);
      expect((await submit(page, 'Activer mon accès', server.origin, '/activate')).status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Confirmez votre adresse e-mail' }).waitFor();
      expect(await page.locator('main').innerText()).toContain(typo);
      await expectAccessible(page, viewport, 'confirm-email-sent', notes);
      expect(await accountOf(t.db, onFile)).toMatchObject({ email: null, invite_used_at: null });

      const mail = await waitForMail(server.outbox, 'email_confirmation', typo);
      const wrong = otpIn(mail) === '000000' ? '111111' : '000000';
      await page.getByLabel('Code à 6 chiffres').fill(wrong);
      expect((await submit(page, 'Confirmer mon adresse', server.origin, '/activate/confirm')).status()).toBe(422);
      expect(await page.locator('[aria-invalid="true"]').evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual([
        'otp',
      ]);
      await expectAccessible(page, viewport, 'confirm-email-wrong-code', notes);

      await page.goto(linkIn(mail, server.origin, '/activate/confirm'));
      await page.getByRole('heading', { level: 1, name: 'Confirmer votre adresse e-mail' }).waitFor();
      await expectAccessible(page, viewport, 'confirm-email-button', notes);
      expect(await accountOf(t.db, onFile)).toMatchObject({ email: null, invite_used_at: null });
      const button = 'Confirmer mon adresse et activer mon accès';
      expect((await submit(page, button, server.origin, '/activate/confirm')).status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est activé' }).waitFor();
      expect(await accountOf(t.db, onFile)).toMatchObject({ email: typo });
      await waitForMail(server.outbox, 'access_activated', typo);
    });
  });
}
