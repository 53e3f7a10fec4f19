import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatViolations, isBlocking, runAxe } from '../support/axe.js';
import { screenshot, type Viewport } from './helpers.js';

/** Violations below `serious`, and checks axe could not decide: reported by the caller, not failed. */
export type AxeNotes = Set<string>;

/** axe-core on the page as it is (no serious or critical violation), then a screenshot. */
export async function expectAccessible(page: Page, viewport: Viewport, name: string, notes: AxeNotes): Promise<void> {
  const result = await runAxe(page);
  for (const v of result.violations.filter((v) => !isBlocking(v)))
    notes.add(`${name} (${viewport.name}): ${formatViolations([v])}`);
  for (const i of result.incomplete)
    notes.add(`${name} (${viewport.name}): incomplete ${i.id} (${i.impact}) ${i.targets.join(' ')} — ${i.reason}`);
  const blocking = result.violations.filter(isBlocking);
  // Soft: the screenshot (and its overflow check) is still taken when axe finds something.
  expect.soft(blocking, `axe on ${name} (${viewport.name}, ${page.url()}):\n${formatViolations(blocking)}`).toEqual([]);
  expect.soft(result.passes).toBeGreaterThan(0);
  await screenshot(page, `a11y-${viewport.name}-${name}`);
}

/** Lets the browser send a form as it is, so that the server's own error messages come back. */
export const skipBrowserValidation = (page: Page) =>
  page.locator('form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
