import { describe, expect, it } from 'vitest';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { screenStates, stateName, useA11yHarness } from '../lesson/a11y-harness';
import { axeViolations } from '../lesson/axe';

const { freshPage, checker } = useA11yHarness();

/**
 * axe-core (WCAG 2.x A/AA rules) on every kind of screen state the journey shows: each screen
 * kind, each question kind, feedback, consequence, result, acknowledgement, certificate, the
 * policy, the "Who do I tell?" dialog, the forms. The context bypasses the CSP only so that axe
 * can be injected; the journeys themselves run under it in the other suites.
 */
describe('accessibility of the app screens and lesson screens (axe-core, WCAG 2.x A/AA)', () => {
  it('the app screens and every kind of lesson screen', async () => {
    const page = await freshPage();
    const { check, violations, expectSeen } = checker(page);
    await check('home');
    await page.getByTestId('who-to-tell').click();
    await page.getByRole('heading', { name: 'Who do I tell?' }).waitFor();
    await check('who to tell (dialog)');
    await page.getByTestId('close-who').click();
    await page.getByTestId('read-policy').click();
    await page.locator('.clause').first().waitFor();
    await check('policy');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByTestId('go-sign-in').click();
    await check('sign in');
    await page.getByRole('button', { name: 'Back' }).click();
    // An account runner: their path holds the lesson with every kind of screen.
    await signInStaff(page, { name: 'Axe Tester', email: 'axe@school.example', school: 'Oakfield Primary', role: 'account-runner', pin: '135759' });
    await page.locator('.module-card').first().waitFor();
    await check('catalogue');
    const staff = staffCourse();
    // The lesson that shows every kind of screen the staff course has (text to reflection).
    const kinds = new Set(staff.modules.flatMap((m) => m.screens.map((s) => s.kind)));
    const path = staff.roles?.['account-runner']?.modules ?? [];
    const lesson = staff.modules.find((m) => path.includes(m.id) && [...kinds].every((k) => m.screens.some((s) => s.kind === k)));
    if (!lesson) throw new Error(`no staff lesson shows every screen kind (${[...kinds].join(', ')})`);
    await page.getByTestId(`open-${lesson.id}`).click();
    await playLesson(page, { course: staff, pick: () => 'right', onState: (phase, stepId) => check(stateName(staff.id, phase, stepId)) });
    await page.getByTestId('back-to-modules').click();
    await page.getByTestId('start-pupil').click();
    await check('pupil session form');
    expectSeen(['home', 'who to tell (dialog)', 'policy', 'sign in', 'catalogue', 'pupil session form', ...screenStates(staff.id, lesson.id), `${staff.id} done `]);
    expect(violations).toEqual([]);
    // The harness can fail: an unlabelled field is reported.
    await page.evaluate(() => document.querySelector('#main')?.append(document.createElement('input')));
    expect((await axeViolations(page)).join('\n')).toContain('label');
    await page.context().close();
  });
});
