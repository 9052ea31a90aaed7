import { describe, expect, it } from 'vitest';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { stateName, useA11yHarness } from '../lesson/a11y-harness';

const { freshPage, checker } = useA11yHarness();

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
