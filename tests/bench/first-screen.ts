import type { Browser } from 'playwright-core';
import { startPreview } from '../helpers/preview';
import { median, ms } from './stats';
import { STAFF_PC } from './lesson-step';

/** A control someone can use: focusable, not disabled, not hidden, inside the screen's main content. */
const CONTROL = 'button, a[href], input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The watcher, as source text: tsx would wrap named inner functions in a helper the page does not
 * have, so scripts meant for the page are written as plain strings.
 */
const watcher = (selector: string): string => `(() => {
  const usable = (el) => {
    if (el.disabled || el.getAttribute('aria-disabled') === 'true' || el.closest('[inert]')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const check = () => {
    // The home screen's own content (main), not the shell's skip link.
    const root = document.querySelector('#app main') || document.getElementById('app');
    if (!root) return;
    if (window.__benchHeading === undefined && root.querySelector('h1')) window.__benchHeading = performance.now();
    if (window.__benchInteractive !== undefined) return;
    const first = [...root.querySelectorAll(${JSON.stringify(selector)})].find(usable);
    if (first) {
      window.__benchInteractive = performance.now();
      window.__benchControl = first.tagName.toLowerCase() + ': ' + (first.textContent || '').trim().slice(0, 40);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

export interface FirstScreen {
  /** ms from navigation start to the first enabled control, per run (null: none appeared). */
  runs: (number | null)[];
  /** ms from navigation start to the home heading in place (a fallback signal, always measured). */
  headingRuns: (number | null)[];
  control: string | null;
}

/**
 * The app's first screen as the preview serves it (the built renderer, the real services on a
 * fresh data folder, the production CSP), in Chromium. Each run opens a new browser context
 * (empty HTTP cache, as at app start) and navigates; a script installed before the page's own
 * watches the DOM with a MutationObserver and notes performance.now() (ms since navigation start)
 * when the first interactive control is present and enabled.
 */
export async function measureFirstScreen(browser: Browser, runs: number, timeoutMs = 10_000): Promise<FirstScreen> {
  const preview = await startPreview();
  const out: FirstScreen = { runs: [], headingRuns: [], control: null };
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: STAFF_PC });
      const page = await context.newPage();
      await page.addInitScript(watcher(CONTROL));
      await page.goto(preview.server.url);
      // A function, not a string: Playwright evaluates a string predicate again in the page at
      // every poll, which the app's CSP (no 'unsafe-eval') refuses, so a control that came after
      // page.goto returned made the run null; a function is compiled once, by the debugger.
      const found = await page
        .waitForFunction(() => (window as Window & { __benchInteractive?: number }).__benchInteractive, undefined, { timeout: timeoutMs })
        .then((h) => h.jsonValue() as Promise<number>)
        .catch(() => null);
      const info = (await page.evaluate('({ control: window.__benchControl ?? null, heading: window.__benchHeading ?? null })')) as {
        control: string | null;
        heading: number | null;
      };
      out.runs.push(found === null ? null : ms(found));
      out.headingRuns.push(info.heading === null ? null : ms(info.heading));
      out.control ??= info.control;
      await context.close();
    }
  } finally {
    await preview.stop();
  }
  return out;
}

export const medianOf = (xs: (number | null)[]): number | null => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length === xs.length && ok.length > 0 ? ms(median(ok)) : null;
};
