import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe-core itself, injected once per page and run directly (a wrapper such as @axe-core/playwright
// re-injects it for every analyze, 3–5 s each on a 2-core machine): the same engine and rules.
const require = createRequire(__filename);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Violations on the page as it is now: `rule (impact) targets…`.
 * `rules: 'all'` runs every rule axe has (best practices too), as the admin suites ask.
 */
export async function axeViolations(page: Page, opts: { rules?: 'wcag' | 'all' } = {}): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (no script tag).
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type Axe = { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, tags ? { runOnly: { type: 'tag', values: tags } } : {});
    return result.violations.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  }, opts.rules === 'all' ? null : WCAG_TAGS);
}
