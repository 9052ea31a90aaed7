import { describe, expect, it } from 'vitest';
import { playLesson, signInStaff, startPupil } from '../lesson/browser-driver';
import { course } from '../lesson/support';
import { screenStates, stateName, useA11yHarness } from '../lesson/a11y-harness';

const { freshPage, checker } = useA11yHarness();

/**
 * axe-core (WCAG 2.x A/AA rules) on every kind of screen state the journey shows: each screen
 * kind, each question kind, feedback, consequence, result, acknowledgement, certificate, the
 * policy, the "Who do I tell?" dialog, the forms. The context bypasses the CSP only so that axe
 * can be injected; the journeys themselves run under it in the other suites.
 */
describe("accessibility of a pupil's lesson (axe-core, WCAG 2.x A/AA)", () => {
  it("a pupil's lesson", async () => {
    const page = await freshPage();
    const { check, violations, expectSeen } = checker(page);
    await signInStaff(page, { name: 'Axe Teacher', email: 'axe3@school.example', school: 'Oakfield Primary', pin: '135759' });
    await startPupil(page, { firstName: 'Ana', initial: 'B', className: 'Year 1', band: 'ks1' });
    await check('pupil catalogue');
    const ks1 = course('pupils-ks1');
    await page.getByTestId(`open-${ks1.modules[0]!.id}`).click();
    await playLesson(page, { course: ks1, pick: (_i, n) => (n === 0 ? 'wrong' : 'right'), onState: (phase, stepId) => check(stateName(ks1.id, phase, stepId)) });
    const lesson = ks1.modules[0]!;
    const questionKinds = [...new Set((lesson.questions ?? []).map((q) => q.kind))];
    expectSeen([
      'pupil catalogue',
      ...screenStates(ks1.id, lesson.id),
      ...questionKinds.flatMap((k) => [`${ks1.id} question ${k}`, `${ks1.id} feedback ${k}`]),
      // The first answer is wrong: the hint and second try.
      `${ks1.id} retry ${lesson.questions![0]!.kind}`,
      `${ks1.id} done `,
    ]);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
