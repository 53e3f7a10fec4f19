import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../src/auth/password-hash.js';
import { launchBrowser } from '../support/browser.js';
import { spawnCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/http.js';
import { startMockGoogle, type MockGoogle } from '../support/mock-google.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import {
  accountOf,
  expectCleanLogs,
  expectOwnFormPost,
  linkIn,
  newContext,
  screenshot,
  submit,
  VIEWPORTS,
  waitForMail,
} from './helpers.js';

// Activation with Google in Chromium: `zdl serve` as deployed with the Google variables, the
// issuer being oauth2-mock-server on 127.0.0.1 (its /authorize redirects straight back).
// The browser itself follows POST /activate's 303 to the provider (so CSP form-action must allow
// it) and the provider's redirect to /auth/google/callback (so the SameSite=Lax cookie must come back).

const t = useTestDatabase();
let mock: MockGoogle;
let server: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  mock = await startMockGoogle();
  [server, browser] = await Promise.all([
    startServeProcess(t, {
      env: {
        ZDL_GOOGLE_CLIENT_ID: 'zdl-browser-tests',
        ZDL_GOOGLE_CLIENT_SECRET: 'secret-des-tests-navigateur',
        ZDL_GOOGLE_ISSUER: mock.issuer,
      },
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    expect(await server.stop(), server.output.stderr).toBe(0);
    expectCleanLogs(server);
  }
  await mock?.stop();
});

async function invite(email: string): Promise<string> {
  const added = await spawnCli(
    ['persons', 'add', '--nom', 'Nguyen', '--prenom', 'Théo', '--email', email, '--invite', '--send'],
    {
      env: server.env,
      cwd: t.dir,
    },
  );
  expect(added.code, added.stderr).toBe(0);
  return linkIn(await waitForMail(server.outbox, 'invitation', email), server.origin, '/activate');
}

for (const viewport of VIEWPORTS) {
  describe(`${viewport.name} (${viewport.size.width} px)`, () => {
    let context: BrowserContext;
    let page: Page;
    const shot = (step: string) => screenshot(page, `google-${viewport.name}-${step}`);

    beforeAll(async () => {
      context = await newContext(browser, viewport);
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    test('choose « Google », submit: to the provider and back, access active and linked by sub', async () => {
      const email = uniqueEmail(`google-${viewport.name}`);
      const googleEmail = `theo.${viewport.name}@gmail.example`;
      const sub = `google-sub-${viewport.name}-${Date.now()}`;
      mock.setIdentity({ sub, email: googleEmail, email_verified: true });

      await page.goto(await invite(email));
      await shot('01-activate-form');
      const emailField = page.getByLabel('Adresse e-mail');
      expect(await emailField.isVisible()).toBe(true);
      await page.getByLabel('Continuer avec Google', { exact: true }).check();
      // No script on these pages: CSS alone hides the e-mail/password fields once « Google » is chosen.
      await emailField.waitFor({ state: 'hidden' });
      await shot('02-activate-google-chosen');

      const leaving = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url() === `${server.origin}/activate`,
      );
      const back = page.waitForResponse((r) => r.url().startsWith(`${server.origin}/auth/google/callback?`));
      await page.getByRole('button', { name: 'Activer mon accès' }).click();
      const redirect = await leaving;
      expect(redirect.status()).toBe(303);
      expect(redirect.headers().location).toMatch(new RegExp(`^${new URL(mock.issuer).origin}/`));
      await expectOwnFormPost(redirect);
      const callback = await back;
      expect(callback.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est activé' }).waitFor();
      expect(await page.locator('main').innerText()).toContain(googleEmail);
      expect(new URL(page.url()).pathname).toBe('/auth/google/callback');
      await shot('03-activate-done');

      expect(await accountOf(t.db, email)).toMatchObject({ email: googleEmail, google_sub: sub, password_hash: null });
      expect((await accountOf(t.db, email))!.invite_used_at).not.toBeNull();
      // The flow cookie is cleared once used.
      expect((await context.cookies()).filter((c) => c.name === 'zdl_google')).toEqual([]);
    });

    test('with Google offered, « E-mail / mot de passe » still works in the browser', async () => {
      const email = uniqueEmail(`google-mdp-${viewport.name}`);
      await page.goto(await invite(email));
      expect(await page.getByLabel('E-mail / mot de passe').isChecked()).toBe(true);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('rivière lente sous la pluie');
      await page.getByLabel('Confirmation du mot de passe').fill('rivière lente sous la pluie');
      const answer = await submit(page, 'Activer mon accès', server.origin, '/activate');
      expect(answer.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est activé' }).waitFor();
      const account = await accountOf(t.db, email);
      expect(account).toMatchObject({ email, google_sub: null });
      expect(await verifyPassword(account!.password_hash, 'rivière lente sous la pluie')).toBe(true);
    });
  });
}
