import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { axeViolations } from '../lesson/axe';
import { startPreview, type Preview } from '../helpers/preview';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { course } from '../lesson/support';

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
describe("accessibility of a pupil's lesson (axe-core, WCAG 2.x A/AA)", () => {
  it("a pupil's lesson", async () => {
    const page = await freshPage();
    const { check, violations } = checker(page);
    await signInStaff(page, { name: 'Axe Teacher', email: 'axe3@school.example', school: 'Oakfield Primary', pin: '1357' });
    await page.getByTestId('start-pupil').click();
    await page.getByLabel('First name').fill('Ana');
    await page.getByLabel('Initial of last name').fill('B');
    await page.getByLabel('Class').fill('Year 1');
    await page.getByLabel('Age band').selectOption('ks1');
    await page.getByRole('button', { name: "Start the pupil's session" }).click();
    await page.getByRole('heading', { name: 'Hello, Ana B' }).waitFor();
    await check('pupil catalogue');
    const ks1 = course('pupils-ks1');
    await page.getByTestId(`open-${ks1.modules[0]!.id}`).click();
    await playLesson(page, { course: ks1, pick: (_i, n) => (n === 0 ? 'wrong' : 'right'), onState: (phase, stepId) => check(stateName(ks1.id, phase, stepId)) });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
