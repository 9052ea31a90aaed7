import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';
import { axeViolations } from './axe';
import { course } from './support';

const TRACE = process.env.A11Y_TRACE === '1';

/**
 * The shared set-up of the axe suites: one Chromium and one preview per file, a fresh page per
 * test, and one axe run (WCAG 2.x A/AA) per distinct kind of screen state. The context bypasses
 * the CSP only so that axe can be injected; the journeys themselves run under it elsewhere.
 */
export function useA11yHarness() {
  let browser: Browser;
  let preview: Preview;
  useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(preview.server.url);
    return page;
  }

  /** An axe run per distinct state name; violations collected with where they were found. */
  function checker(page: Page) {
    const violations: string[] = [];
    const seen = new Set<string>();
    const check = async (name: string): Promise<void> => {
      if (seen.has(name)) return;
      seen.add(name);
      if (TRACE) console.log(`axe: ${name}`);
      for (const v of await axeViolations(page)) violations.push(`${name}: ${v}`);
    };
    /** Fails naming every state the suite says it checks but never reached. */
    const expectSeen = (names: readonly string[]): void => {
      expect(names.filter((n) => !seen.has(n)), `states never reached; reached: ${[...seen].join(', ')}`).toEqual([]);
    };
    return { check, violations, seen, expectSeen };
  }

  return { freshPage, checker, preview: () => preview };
}

/** "staff-induction question single", "pupils-ks1 screen keyPoints", …: one axe run per kind of state. */
export function stateName(courseId: string, phase: string, stepId: string): string {
  const c = course(courseId);
  const screen = c.modules.flatMap((m) => m.screens).find((s) => s.id === stepId);
  const item = [...c.bank, ...c.modules.flatMap((m) => m.questions ?? [])].find((i) => i.id === stepId);
  return `${courseId} ${phase} ${screen?.kind ?? item?.kind ?? ''}`;
}

/** The screen kinds a module shows, as stateName names them. */
export function screenStates(courseId: string, moduleId: string): string[] {
  const m = course(courseId).modules.find((x) => x.id === moduleId);
  if (!m) throw new Error(`no module ${moduleId} in ${courseId}`);
  return [...new Set(m.screens.map((s) => `${courseId} screen ${s.kind}`))];
}
