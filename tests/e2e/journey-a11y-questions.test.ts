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
  it('every kind of question, feedback, result, acknowledgement and the certificate', { timeout: 240_000 }, async () => {
    const page = await freshPage();
    const { check, violations, expectSeen } = checker(page);
    await signInStaff(page, { name: 'Axe Tester Two', email: 'axe2@school.example', school: 'Oakfield Primary', pin: '135759' });
    const staff = staffCourse();
    const onState = (phase: string, stepId: string) => check(stateName(staff.id, phase, stepId));
    // The draw is seeded by main's random attempt id, so one attempt may hold no sort or branching
    // item: fail attempts (each retake draws items not seen before) until every kind has been on
    // screen, then pass, so the result, acknowledgement and certificate states are reached too.
    const kindOf = new Map(staff.bank.map((i) => [i.id, i.kind]));
    const kindsSeen = new Set<string>();
    const everyKind = () => ['single', 'trueFalse', 'sort', 'branching'].every((k) => kindsSeen.has(k));
    await page.getByTestId('open-assessment').click();
    for (let round = 0; round < 5 && !everyKind(); round++) {
      if (round > 0) await page.getByTestId('retake').click();
      const asked = await playLesson(page, { course: staff, pick: () => 'wrong', onState });
      for (const id of asked) kindsSeen.add(kindOf.get(id) ?? '');
    }
    await page.getByTestId('retake').click();
    await playLesson(page, { course: staff, pick: (_i, n) => (n === 0 ? 'wrong' : 'right'), onState });
    await page.getByTestId('certificate').click();
    await page.getByTestId('certificate').waitFor();
    await check('certificate');
    const kinds = ['single', 'trueFalse', 'sort', 'branching'];
    expectSeen([
      ...kinds.flatMap((k) => [`${staff.id} question ${k}`, `${staff.id} feedback ${k}`]),
      // Shown only between a scenario's decisions: the driver walks each scenario decision by decision.
      `${staff.id} consequence branching`,
      `${staff.id} result `,
      `${staff.id} acknowledge `,
      `${staff.id} done `,
      'certificate',
    ]);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
