import { DEFAULT_POST_RATE_LIMIT } from '../../src/http/app.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { useTestDatabase } from '../support/database.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { expectAccessible } from './expect-accessible.js';
import { newContext, submit, VIEWPORTS } from './helpers.js';

// The « Trop de tentatives » page a person meets after too many posts passes axe-core like the
// others (accessibility.embedded.test.ts), at every width.

const t = useTestDatabase();
let plain: ServeProcess;
let browser: Browser;
const notes = new Set<string>();

beforeAll(async () => {
  [plain, browser] = await Promise.all([startServeProcess(t), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  const code = await plain?.stop();
  if (notes.size > 0) console.info(`axe, below « serious » or to review by hand:\n${[...notes].join('\n')}`);
  expect(code, plain?.output.stderr).toBe(0);
  // Refused posts are logged as 422/429 lines, never as failures; no query string is logged.
  expect(plain?.output.stderr).not.toMatch(/Erreur inattendue|échec|indisponible/i);
  expect(plain?.output.stdout).toMatch(/^POST \/forgot-password 429 \d+ms$/m);
});

test('429: too many posts from one address', async () => {
  const context = await newContext(browser, VIEWPORTS[1]!, { bypassCSP: true });
  try {
    const page = await context.newPage();
    // The limit counts per route and address in fixed windows: fill this one from here (a script
    // sends no Origin/Sec-Fetch-Site, so the guard lets it through), then let the browser post once more.
    // Should the window turn over in between, fill the new one and try again.
    for (let attempt = 1; ; attempt++) {
      for (let i = 0; i <= DEFAULT_POST_RATE_LIMIT.limit; i++) {
        const response = await fetch(`${plain.origin}/forgot-password`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'email=pas-une-adresse',
        });
        await response.arrayBuffer();
        if (response.status === 429) break;
      }
      await page.goto(`${plain.origin}/forgot-password`);
      await page.getByLabel('Adresse e-mail').fill('quelquun@exemple.org');
      const answer = await submit(page, 'Recevoir le lien', plain.origin, '/forgot-password');
      if (answer.status() === 429 || attempt === 2) {
        expect(answer.status()).toBe(429);
        expect(Number(answer.headers()['retry-after'])).toBeGreaterThan(0);
        break;
      }
    }
    await page.getByRole('heading', { level: 1, name: 'Trop de tentatives' }).waitFor();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport.size);
      await expectAccessible(page, viewport, 'error-429', notes);
    }
  } finally {
    await context.close();
  }
});
