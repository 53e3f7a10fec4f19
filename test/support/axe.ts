import { createRequire } from 'node:module';
import type { AxeResults, NodeResult as AxeRawNode, Result as AxeRawRule } from 'axe-core';
import type { Page } from 'playwright-core';

// axe-core from the npm package, injected into a page driven by playwright-core.
// The pages' CSP (`default-src 'self'`, no inline script) blocks the injected script: the browser
// context used for axe runs must be created with `bypassCSP: true` (never the journeys' contexts,
// which must see the CSP exactly as deployed).

const require = createRequire(import.meta.url);
export const AXE_SOURCE = require.resolve('axe-core');

/** WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null | undefined;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface AxeResult {
  violations: AxeViolation[];
  passes: number;
  /** Checks axe could not decide (e.g. contrast over a background it cannot compute): review by hand. */
  incomplete: { id: string; impact: string | null | undefined; targets: string[]; reason: string }[];
}

/** Runs axe's WCAG 2 A/AA rules on the page as it is now. */
export async function runAxe(page: Page): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    return {
      violations: result.violations.map((v: AxeRawRule) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n: AxeRawNode) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
      passes: result.passes.length,
      incomplete: result.incomplete.map((v: AxeRawRule) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n: AxeRawNode) => JSON.stringify(n.target)),
        reason: String(v.nodes[0]?.any?.[0]?.message ?? v.help),
      })),
    };
  }, WCAG_A_AA);
}

export function isBlocking(violation: AxeViolation): boolean {
  return violation.impact === 'serious' || violation.impact === 'critical';
}

/** One line per violation and node: `id (impact) target — summary`. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) ${JSON.stringify(n.target)} — ${v.help}${n.failureSummary ? `: ${n.failureSummary.replace(/\s*\n\s*/g, ' ')}` : ''}`,
      ),
    )
    .join('\n');
}
