import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { axeViolations } from '../lesson/axe';
import { startPreview, type Preview } from '../helpers/preview';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { course, staffCourse } from '../lesson/support';

let browser: Browser;
let preview: Preview;

beforeAll(async () => {
  [browser, preview] = await Promise.all([launchChromium(), startPreview()]);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/**
 * axe-core (WCAG 2.x A/AA rules) on every kind of screen state the journey shows: each screen
 * kind, each question kind, feedback, consequence, result, acknowledgement, certificate, the
 * policy, the "Who do I tell?" dialog, the forms. The context bypasses the CSP only so that axe
 * can be injected; the journeys themselves run under it in the other suites.
 */
const TRACE = process.env.A11Y_TRACE === '1';

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
  return { check, violations, seen };
}

/** "staff-induction question single", "pupils-ks1 screen keyPoints", …: one axe run per kind of state. */
function stateName(courseId: string, phase: string, stepId: string): string {
  const c = course(courseId);
  const screen = c.modules.flatMap((m) => m.screens).find((s) => s.id === stepId);
  const item = [...c.bank, ...c.modules.flatMap((m) => m.questions ?? [])].find((i) => i.id === stepId);
  return `${courseId} ${phase} ${screen?.kind ?? item?.kind ?? ''}`;
}

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(preview.server.url);
  return page;
}

/**
 * axe-core (WCAG 2.x A/AA rules) on every kind of screen state the journey shows: each screen
 * kind, each question kind, feedback, consequence, result, acknowledgement, certificate, the
 * policy, the "Who do I tell?" dialog, the forms. The context bypasses the CSP only so that axe
 * can be injected; the journeys themselves run under it in the other suites.
 */
describe('accessibility of questions, feedback, results and acknowledgement (axe-core, WCAG 2.x A/AA)', () => {
  it('every kind of question, feedback, result, acknowledgement and the certificate', async () => {
    const page = await freshPage();
    const { check, violations, seen } = checker(page);
    await signInStaff(page, { name: 'Axe Tester Two', email: 'axe2@school.example', school: 'Oakfield Primary', pin: '1357' });
    const staff = staffCourse();
    await page.getByTestId('open-assessment').click();
    await playLesson(page, { course: staff, pick: (_i, n) => (n === 0 ? 'wrong' : 'right'), onState: (phase, stepId) => check(stateName(staff.id, phase, stepId)) });
    await page.getByTestId('certificate').click();
    await page.getByTestId('certificate').waitFor();
    await check('certificate');
    expect(seen.size).toBeGreaterThan(8);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
