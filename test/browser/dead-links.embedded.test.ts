import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/auth/password-hash.js';
import { createPasswordReset } from '../../src/auth/password-reset.js';
import { launchBrowser } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { createActiveAccount, GOOD_PASSWORD, invitePerson, uniqueEmail } from '../support/http.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { expectAccessible } from './expect-accessible.js';
import { newContext, VIEWPORTS } from './helpers.js';

// The pages of links opened twice or late (an invitation already used, a reset already done),
// as a volunteer meets them on a phone: the message and the next step, axe-core clean.

const t = useTestDatabase();
let server: ServeProcess;
let browser: Browser;
const notes = new Set<string>();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServeProcess(t), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  expect(await server?.stop(), server?.output.stderr).toBe(0);
  if (notes.size > 0) console.info(`axe, below « serious » or to review by hand:\n${[...notes].join('\n')}`);
});

describe.each(VIEWPORTS)('links opened twice ($name)', (viewport) => {
  test('an invitation already used, then its « Mot de passe oublié » next step', async () => {
    const email = uniqueEmail(`deux-${viewport.name}`);
    const account = await createActiveAccount(t.db, new Date(), email, await hashPassword(GOOD_PASSWORD));
    const context = await newContext(browser, viewport, { bypassCSP: true });
    try {
      const page = await context.newPage();
      const answer = await page.goto(`${server.origin}/activate?code=${account.code}`);
      expect(answer!.status()).toBe(410);
      await page.getByRole('heading', { level: 1, name: 'Votre accès est déjà activé' }).waitFor();
      await expectAccessible(page, viewport, 'invite-used', notes);
      await page.getByRole('link', { name: 'Recevez un lien pour en choisir un nouveau' }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/forgot-password');
    } finally {
      await context.close();
    }
  });

  test('an expired invitation and a reset already done', async () => {
    const expired = await invitePerson(t.db, new Date(Date.now() - 8 * 86_400_000));
    const email = uniqueEmail(`reset-${viewport.name}`);
    await createActiveAccount(t.db, new Date(), email, await hashPassword(GOOD_PASSWORD));
    const reset = await t.db.transaction((tx) => createPasswordReset(tx, { email }, { actor: 'web', now: new Date() }));
    if (typeof reset === 'string') throw new Error(reset);
    await t.db.transaction(
      (tx) => tx`update zdl.password_resets set used_at = now() where account_id = ${reset.account_id}`,
    );
    const context = await newContext(browser, viewport, { bypassCSP: true });
    try {
      const page = await context.newPage();
      expect((await page.goto(`${server.origin}/activate?code=${expired.code}`))!.status()).toBe(410);
      await page.getByRole('heading', { level: 1, name: 'Ce lien n’est plus valable' }).waitFor();
      await expectAccessible(page, viewport, 'invite-expired', notes);
      expect((await page.goto(`${server.origin}/reset-password?token=${reset.token}`))!.status()).toBe(410);
      await page.getByRole('heading', { level: 1, name: 'Votre mot de passe a déjà été changé' }).waitFor();
      await expectAccessible(page, viewport, 'reset-used', notes);
    } finally {
      await context.close();
    }
  });
});
