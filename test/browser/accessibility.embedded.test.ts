import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { invitePerson, uniqueEmail } from '../support/http.js';
import { startMockGoogle, type MockGoogle } from '../support/mock-google.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import {
  expectCleanLogs,
  linkIn,
  newContext,
  otpIn,
  startOtherOrigin,
  submit,
  VIEWPORTS,
  waitForMail,
} from './helpers.js';
import { expectAccessible, skipBrowserValidation } from './expect-accessible.js';

// Every page, in each state a person can meet it, passes axe-core's WCAG 2.0/2.1 A and AA rules in
// Chromium with no serious or critical violation, at desktop width and at 375 px.
// The axe contexts use `bypassCSP: true`: the pages' CSP (`default-src 'self'`, no inline script)
// would block the injected axe script. Only these contexts do; the journeys run with the real CSP.
// Two servers as deployed: without Google (the default) and with Google (the activation form then
// has the « Comment voulez-vous vous connecter ? » choice and the Google pages exist).

const t = useTestDatabase();
let plain: ServeProcess;
let withGoogle: ServeProcess;
let mock: MockGoogle;
let browser: Browser;
/** Violations below `serious`, and checks axe could not decide: reported, not failed. */
const notes = new Set<string>();

beforeAll(async () => {
  mock = await startMockGoogle();
  [plain, withGoogle, browser] = await Promise.all([
    startServeProcess(t),
    startServeProcess(t, {
      env: {
        ZDL_GOOGLE_CLIENT_ID: 'zdl-axe',
        ZDL_GOOGLE_CLIENT_SECRET: 'secret-des-tests-axe',
        ZDL_GOOGLE_ISSUER: mock.issuer,
      },
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  const codes = await Promise.all([plain?.stop(), withGoogle?.stop()]);
  await mock?.stop();
  if (notes.size > 0) console.info(`axe, below « serious » or to review by hand:\n${[...notes].join('\n')}`);
  expect(codes, `${plain?.output.stderr}\n${withGoogle?.output.stderr}`).toEqual([0, 0]);
  for (const server of [plain, withGoogle]) if (server) expectCleanLogs(server);
});

for (const viewport of VIEWPORTS) {
  describe(`${viewport.name} (${viewport.size.width} px)`, () => {
    let context: BrowserContext;
    let page: Page;
    const email = uniqueEmail(`axe-${viewport.name}`);
    const password = 'rivière lente sous la pluie';

    beforeAll(async () => {
      context = await newContext(browser, viewport, { bypassCSP: true });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    test('home', async () => {
      await page.goto(`${plain.origin}/`);
      await expectAccessible(page, viewport, 'home', notes);
    });

    test('/activate: empty, then every field in error', async () => {
      await page.goto(`${plain.origin}/activate`);
      await expectAccessible(page, viewport, 'activate-empty', notes);
      await skipBrowserValidation(page);
      expect((await submit(page, 'Activer mon accès', plain.origin, '/activate')).status()).toBe(422);
      // Every empty field at once; the password policy itself speaks once the code is known (below).
      expect(await page.locator('[aria-invalid="true"]').evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual([
        'code',
        'email',
        'password',
        'password_confirm',
      ]);
      await expectAccessible(page, viewport, 'activate-errors', notes);
    });

    test('/activate from the link, and its success page', async () => {
      // The address on file: activated at once (another address is confirmed first: confirm-email).
      const invited = await invitePerson(t.db, new Date(), { nom: 'Moreau', prenom: 'Léa', email });
      await page.goto(`${plain.origin}/activate?code=${encodeURIComponent(invited.code)}`);
      await expectAccessible(page, viewport, 'activate-prefilled', notes);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('motdepasse');
      await page.getByLabel('Confirmation du mot de passe').fill('motdepasse');
      expect((await submit(page, 'Activer mon accès', plain.origin, '/activate')).status()).toBe(422);
      expect(await page.locator('[aria-invalid="true"]').evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual([
        'password',
      ]);
      await expectAccessible(page, viewport, 'activate-password-refused', notes);
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByLabel('Confirmation du mot de passe').fill(password);
      expect((await submit(page, 'Activer mon accès', plain.origin, '/activate')).status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est activé' }).waitFor();
      await expectAccessible(page, viewport, 'activate-done', notes);
    });

    test('/forgot-password: empty, in error, sent', async () => {
      await page.goto(`${plain.origin}/forgot-password`);
      await expectAccessible(page, viewport, 'forgot-empty', notes);
      await skipBrowserValidation(page);
      await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
      expect((await submit(page, 'Recevoir le lien', plain.origin, '/forgot-password')).status()).toBe(422);
      await expectAccessible(page, viewport, 'forgot-errors', notes);
      await page.getByLabel('Adresse e-mail').fill(email);
      expect((await submit(page, 'Recevoir le lien', plain.origin, '/forgot-password')).status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Vérifiez vos e-mails' }).waitFor();
      await expectAccessible(page, viewport, 'forgot-sent', notes);
    });

    test('/reset-password: the form, a wrong code, success; an invalid link', async () => {
      const mail = await waitForMail(plain.outbox, 'password_reset', email);
      const otp = otpIn(mail);
      await page.goto(linkIn(mail, plain.origin, '/reset-password'));
      await expectAccessible(page, viewport, 'reset-form', notes);

      const next = 'un nouveau chemin de traverse';
      await page.getByLabel('Code à 6 chiffres').fill(String((Number(otp) + 1) % 1_000_000).padStart(6, '0'));
      await page.getByLabel('Nouveau mot de passe').fill(next);
      await page.getByLabel('Confirmation du mot de passe').fill(next);
      expect((await submit(page, 'Modifier mon mot de passe', plain.origin, '/reset-password')).status()).toBe(422);
      await expectAccessible(page, viewport, 'reset-wrong-code', notes);

      await page.getByLabel('Code à 6 chiffres').fill(otp);
      await page.getByLabel('Nouveau mot de passe').fill(next);
      await page.getByLabel('Confirmation du mot de passe').fill('une confirmation différente');
      expect((await submit(page, 'Modifier mon mot de passe', plain.origin, '/reset-password')).status()).toBe(422);
      await expectAccessible(page, viewport, 'reset-mismatch', notes);

      await page.getByLabel('Code à 6 chiffres').fill(otp);
      await page.getByLabel('Nouveau mot de passe').fill(next);
      await page.getByLabel('Confirmation du mot de passe').fill(next);
      expect((await submit(page, 'Modifier mon mot de passe', plain.origin, '/reset-password')).status()).toBe(200);
      await expectAccessible(page, viewport, 'reset-done', notes);

      expect((await page.goto(`${plain.origin}/reset-password?token=lien-invalide`))!.status()).toBe(410);
      await expectAccessible(page, viewport, 'reset-invalid', notes);
    });

    test('error pages: 404 and 403 (a form from another site)', async () => {
      expect((await page.goto(`${plain.origin}/page-qui-n-existe-pas`))!.status()).toBe(404);
      await expectAccessible(page, viewport, 'error-404', notes);

      const other = await startOtherOrigin(`${plain.origin}/forgot-password`, { email });
      try {
        await page.goto(other.url('localhost'));
        expect((await submit(page, 'Claim', plain.origin, '/forgot-password')).status()).toBe(403);
        await expectAccessible(page, viewport, 'error-403', notes);
      } finally {
        await other.close();
      }
    });

    test('with Google: the activation form (empty, in error), the Google success page, an expired Google session', async () => {
      await page.goto(`${withGoogle.origin}/activate`);
      await expectAccessible(page, viewport, 'google-activate-empty', notes);
      await page.getByLabel('Continuer avec Google', { exact: true }).check();
      await expectAccessible(page, viewport, 'google-activate-google-chosen', notes);

      await page.getByLabel('E-mail / mot de passe').check();
      await skipBrowserValidation(page);
      expect((await submit(page, 'Activer mon accès', withGoogle.origin, '/activate')).status()).toBe(422);
      await expectAccessible(page, viewport, 'google-activate-errors', notes);

      const invited = await invitePerson(t.db, new Date(), { nom: 'Petit', prenom: 'Jules' });
      mock.setIdentity({
        sub: `axe-${viewport.name}`,
        email: `jules.${viewport.name}@gmail.example`,
        email_verified: true,
      });
      await page.getByLabel('Code d’invitation').fill(invited.code);
      await page.getByLabel('Continuer avec Google', { exact: true }).check();
      await page.getByRole('button', { name: 'Activer mon accès' }).click();
      await page.waitForURL(`${withGoogle.origin}/auth/google/callback?**`);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est activé' }).waitFor();
      await expectAccessible(page, viewport, 'google-activate-done', notes);

      expect((await page.goto(`${withGoogle.origin}/auth/google/callback?code=x&state=y`))!.status()).toBe(400);
      await expectAccessible(page, viewport, 'google-session-expired', notes);
    });
  });
}
