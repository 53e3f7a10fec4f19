import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { readOutbox, type OutboxMail } from '../support/http.js';

// Shared by the browser test files: viewports, screenshots, the outbox, and a page from another origin.

export interface Viewport {
  name: 'desktop' | 'phone';
  size: { width: number; height: number };
}

export const VIEWPORTS: Viewport[] = [
  { name: 'desktop', size: { width: 1280, height: 800 } },
  { name: 'phone', size: { width: 375, height: 812 } },
];

/** Action timeout below vitest's: a missing element fails with playwright's message, not a bare timeout. */
const ACTION_TIMEOUT_MS = 10_000;

export async function newContext(
  browser: Browser,
  viewport: Viewport,
  options: { bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: viewport.size,
    locale: 'fr-FR',
    bypassCSP: options.bypassCSP ?? false,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  return context;
}

export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/**
 * A full-page PNG in screenshots/ at the repository root (gitignored), for people to look at; and
 * the page must not scroll sideways (a long e-mail address or word pushing past a 375 px screen).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png`, fullPage: true });
  const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(width.page, `${name}: the page is wider than the window (screenshots/${name}.png)`).toBeLessThanOrEqual(
    width.window,
  );
}

/** Waits (polling, the server sends some e-mails after answering) for the e-mail `template` to `to`. */
export async function waitForMail(outbox: string, template: string, to: string, skip = 0): Promise<OutboxMail> {
  return vi.waitFor(
    () => {
      const mails = readOutbox(outbox).filter((m) => m.template === template && m.to[0]?.email === to);
      const mail = mails[skip];
      if (!mail) throw new Error(`no e-mail « ${template} » n°${skip + 1} to ${to} in ${outbox}`);
      return mail;
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** The first link to `origin + pathname` in the e-mail's text. */
export function linkIn(mail: OutboxMail, origin: string, pathname: string): string {
  const escaped = `${origin}${pathname}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\?[^\\s"<]+`).exec(mail.text);
  if (!match) throw new Error(`no ${origin}${pathname} link in:\n${mail.text}`);
  return match[0];
}

/** The 6-digit code, alone on its (indented) line of the reset e-mail. */
export function otpIn(mail: OutboxMail): string {
  const match = /^\s+(\d{6})\s*$/m.exec(mail.text);
  if (!match) throw new Error(`no 6-digit code in:\n${mail.text}`);
  return match[1]!;
}

/**
 * Clicks the submit button; returns the answer to the POST to `pathname` it caused, once the page
 * it answered with is loaded (a re-rendered form has the same URL: wait for the new document itself).
 */
export async function submit(page: Page, button: string, origin: string, pathname: string): Promise<Response> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${origin}${pathname}`);
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.getByRole('button', { name: button, exact: true }).click();
  const [response] = await Promise.all([answer, navigated]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * The browser's own form post: with `Referrer-Policy: no-referrer` Chromium sends `Origin: null`
 * and `Sec-Fetch-Site: same-origin` — the cross-origin guard must let exactly this through.
 */
export async function expectOwnFormPost(response: Response): Promise<void> {
  const headers = await response.request().allHeaders();
  expect(headers['sec-fetch-site']).toBe('same-origin');
  expect(headers.origin).toBe('null');
}

/** The account of the person with this e-mail address (the person's, set by the admin). */
export async function accountOf(db: Database, personEmail: string) {
  const rows = await db.transaction(
    (tx) => tx`
      select a.email, a.password_hash, a.google_sub, a.activated_at, i.used_at as invite_used_at
      from zdl.personnes p
      left join zdl.accounts a on a.personne_id = p.id
      left join zdl.user_invites i on i.personne_id = p.id
      where lower(p.email) = lower(${personEmail})`,
  );
  return rows[0];
}

export interface OtherOrigin {
  /** e.g. http://localhost:PORT (cross-site to http://127.0.0.1:…) */
  url(host: 'localhost' | '127.0.0.1'): string;
  close(): Promise<void>;
}

/**
 * A tiny site on another port serving a plain form that posts to `action` (no script needed: the
 * test clicks the button). Served as localhost it is cross-site to 127.0.0.1; as 127.0.0.1 on
 * another port, same-site but cross-origin. Both must be refused.
 */
export async function startOtherOrigin(action: string, fields: Record<string, string>): Promise<OtherOrigin> {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body><h1>Win a prize</h1><form method="post" action="${action}">${inputs}<button type="submit">Claim</button></form></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (host) => `http://${host}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** After a run: no unexpected error on stderr, and no secret (query string) in the request log. */
export function expectCleanLogs(server: { output: { stdout: string; stderr: string } }): void {
  expect(server.output.stderr).not.toMatch(/Erreur inattendue|échec|indisponible/i);
  expect(server.output.stdout).toMatch(/^GET \/activate 200 \d+ms$/m);
  expect(server.output.stdout).not.toContain('?');
}
