import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/auth/password-hash.js';
import { launchBrowser } from '../support/browser.js';
import { spawnCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/http.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import {
  accountOf,
  expectCleanLogs,
  expectOwnFormPost,
  linkIn,
  newContext,
  otpIn,
  screenshot,
  startOtherOrigin,
  submit,
  VIEWPORTS,
  waitForMail,
} from './helpers.js';

// What people do in a browser, in Chromium, against `zdl serve` exactly as deployed (security
// headers, CSP, cross-origin guard, rate limits): the admin side goes through the real CLI, the
// e-mails through the outbox. Each journey runs at desktop width and at 375 px (phone).

const t = useTestDatabase();
let server: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServeProcess(t), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  // Registered after useTestDatabase's hooks, so this runs before the database closes.
  if (server) {
    expect(await server.stop(), server.output.stderr).toBe(0);
    expectCleanLogs(server);
  }
});

for (const viewport of VIEWPORTS) {
  describe(`${viewport.name} (${viewport.size.width} px)`, () => {
    let context: BrowserContext;
    let page: Page;
    const email = uniqueEmail(`navigateur-${viewport.name}`);
    const shot = (step: string) => screenshot(page, `journey-${viewport.name}-${step}`);
    let currentPassword = '';

    beforeAll(async () => {
      context = await newContext(browser, viewport);
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    test('an admin invites through the CLI; the person opens the e-mail link, chooses a password and is active', async () => {
      const added = await spawnCli(
        ['persons', 'add', '--nom', 'Lefèvre', '--prenom', 'Inès', '--email', email, '--invite', '--send', '--json'],
        { env: server.env, cwd: t.dir },
      );
      expect(added.code, added.stderr).toBe(0);
      const { invite } = JSON.parse(added.stdout) as { invite: { code: string } };

      const mail = await waitForMail(server.outbox, 'invitation', email);
      const link = linkIn(mail, server.origin, '/activate');
      const opened = await page.goto(link);
      expect(opened!.status()).toBe(200);
      expect(opened!.headers()['content-security-policy']).toContain("default-src 'self'");
      expect(opened!.headers()['referrer-policy']).toBe('no-referrer');
      expect(await page.getByLabel('Code d’invitation').inputValue()).toBe(invite.code);
      await shot('01-activate-form');

      await page.getByLabel('Adresse e-mail').fill(email);
      currentPassword = 'rivière lente sous la pluie';
      await page.getByLabel('Mot de passe', { exact: true }).fill(currentPassword);
      await page.getByLabel('Confirmation du mot de passe').fill(currentPassword);
      await shot('02-activate-filled');
      const answer = await submit(page, 'Activer mon accès', server.origin, '/activate');
      expect(answer.status()).toBe(200);
      await expectOwnFormPost(answer);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est activé' }).waitFor();
      expect(await page.locator('main').innerText()).toContain(email);
      await shot('03-activate-done');

      const account = await accountOf(t.db, email);
      expect(account).toMatchObject({ email, google_sub: null });
      expect(account!.activated_at).not.toBeNull();
      expect(account!.invite_used_at).not.toBeNull();
      expect(await verifyPassword(account!.password_hash, currentPassword)).toBe(true);
      await waitForMail(server.outbox, 'access_activated', email);
    });

    test('forgot password: the e-mail, its link, the code and a new password', async () => {
      await page.goto(`${server.origin}/`);
      await shot('04-home');
      await page.getByRole('link', { name: 'Mot de passe oublié' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
      await page.getByLabel('Adresse e-mail').fill(email);
      await shot('05-forgot-form');
      const sent = await submit(page, 'Recevoir le lien', server.origin, '/forgot-password');
      expect(sent.status()).toBe(200);
      await expectOwnFormPost(sent);
      await page.getByRole('heading', { level: 1, name: 'Vérifiez vos e-mails' }).waitFor();
      await shot('06-forgot-sent');

      const mail = await waitForMail(server.outbox, 'password_reset', email);
      const opened = await page.goto(linkIn(mail, server.origin, '/reset-password'));
      expect(opened!.status()).toBe(200);
      await page.getByLabel('Code à 6 chiffres').fill(otpIn(mail));
      const next = 'un nouveau chemin de traverse';
      await page.getByLabel('Nouveau mot de passe').fill(next);
      await page.getByLabel('Confirmation du mot de passe').fill(next);
      await shot('07-reset-form');
      const done = await submit(page, 'Modifier mon mot de passe', server.origin, '/reset-password');
      expect(done.status()).toBe(200);
      await expectOwnFormPost(done);
      await page.getByRole('heading', { level: 1, name: 'Votre mot de passe a été modifié' }).waitFor();
      await shot('08-reset-done');

      const account = await accountOf(t.db, email);
      expect(await verifyPassword(account!.password_hash, next)).toBe(true);
      expect(await verifyPassword(account!.password_hash, currentPassword)).toBe(false);
      currentPassword = next;
    });

    test('a wrong code shows its error next to the field; the same form then works with the right code', async () => {
      await page.goto(`${server.origin}/forgot-password`);
      await page.getByLabel('Adresse e-mail').fill(email);
      await submit(page, 'Recevoir le lien', server.origin, '/forgot-password');
      await page.getByRole('heading', { level: 1, name: 'Vérifiez vos e-mails' }).waitFor();
      // The second reset e-mail to this address (the first one was used above).
      const mail = await waitForMail(server.outbox, 'password_reset', email, 1);
      const otp = otpIn(mail);
      const wrong = String((Number(otp) + 1) % 1_000_000).padStart(6, '0');

      await page.goto(linkIn(mail, server.origin, '/reset-password'));
      await page.getByLabel('Code à 6 chiffres').fill(wrong);
      const next = 'encore un autre sentier de montagne';
      await page.getByLabel('Nouveau mot de passe').fill(next);
      await page.getByLabel('Confirmation du mot de passe').fill(next);
      const refused = await submit(page, 'Modifier mon mot de passe', server.origin, '/reset-password');
      expect(refused.status()).toBe(422);

      // The message sits in the code's own field, is announced with it, and the page says so.
      const field = page.locator('.field', { has: page.locator('#otp') });
      const message = field.locator('.error-message');
      expect(await message.innerText()).toMatch(/Code incorrect\. Il vous reste 4 essais/);
      const otpInput = page.getByLabel('Code à 6 chiffres');
      expect(await otpInput.getAttribute('aria-invalid')).toBe('true');
      expect(await otpInput.getAttribute('aria-describedby')).toContain('otp-error');
      expect(await page.getByRole('alert').innerText()).toContain('corrigez les champs');
      expect(await page.title()).toMatch(/^Erreur\s: /); // French typography: a no-break space before the colon
      // Message just above its input, not somewhere else on the page.
      const [messageBox, inputBox] = await Promise.all([message.boundingBox(), otpInput.boundingBox()]);
      expect(inputBox!.y - (messageBox!.y + messageBox!.height)).toBeGreaterThanOrEqual(0);
      expect(inputBox!.y - (messageBox!.y + messageBox!.height)).toBeLessThan(40);
      // Neither the code nor the passwords come back.
      expect(await otpInput.inputValue()).toBe('');
      expect(await page.getByLabel('Nouveau mot de passe').inputValue()).toBe('');
      await shot('09-reset-wrong-code');

      await otpInput.fill(otp);
      await page.getByLabel('Nouveau mot de passe').fill(next);
      await page.getByLabel('Confirmation du mot de passe').fill(next);
      const done = await submit(page, 'Modifier mon mot de passe', server.origin, '/reset-password');
      expect(done.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Votre mot de passe a été modifié' }).waitFor();
      const account = await accountOf(t.db, email);
      expect(await verifyPassword(account!.password_hash, next)).toBe(true);
      currentPassword = next;
    });

    test('a form on another site posting here gets the French 403 page, and nothing happens', async () => {
      const before = await resetCount(email);
      const other = await startOtherOrigin(`${server.origin}/forgot-password`, { email });
      try {
        for (const [host, site] of [
          ['localhost', 'cross-site'],
          ['127.0.0.1', 'same-site'],
        ] as const) {
          await page.goto(other.url(host));
          const answer = await submit(page, 'Claim', server.origin, '/forgot-password');
          const headers = await answer.request().allHeaders();
          expect(headers['sec-fetch-site']).toBe(site);
          expect(headers.origin).toBe(other.url(host).slice(0, -1));
          expect(answer.status()).toBe(403);
          await page.getByRole('heading', { level: 1, name: 'Requête refusée' }).waitFor();
          expect(await page.locator('main').innerText()).toContain('semble venir d’un autre site');
          expect(answer.headers()['content-security-policy']).toContain("default-src 'self'");
          await shot(`10-cross-origin-403-${site}`);
        }
      } finally {
        await other.close();
      }
      expect(await resetCount(email)).toBe(before);
    });
  });
}

async function resetCount(email: string): Promise<number> {
  const [row] = await t.db.transaction(
    (tx) =>
      tx`select count(*)::int as n from zdl.password_resets r join zdl.accounts a on a.id = r.account_id where lower(a.email) = lower(${email})`,
  );
  return row!.n as number;
}
