import { describe, expect, it } from 'vitest';
import { answerByPointer, phaseOf, signInStaff, stepIdOf } from '../lesson/browser-driver';
import { course, rightAnswer, wrongAnswer } from '../lesson/support';
import { stateName, useA11yHarness } from '../lesson/a11y-harness';

const { freshPage, checker } = useA11yHarness();

/** axe-core (WCAG 2.x A/AA) on every kind of class-mode state: set-up, screens, questions (sort cards too), the tally, the hint, feedback, the end. */
describe('accessibility of class mode (axe-core, WCAG 2.x A/AA)', () => {
  it('a KS1 class lesson with a sort question, and a tally', async () => {
    const page = await freshPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    const { check, violations } = checker(page);
    await signInStaff(page, { name: 'Axe Class', email: 'axe-class@school.example', school: 'Oakfield Primary', pin: '246813' });
    await page.getByTestId('teach-class').click();
    await page.getByRole('heading', { name: 'Teach a class' }).waitFor();
    const ks1 = course('pupils-ks1');
    const lesson = ks1.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'sort'))!;
    await page.locator(`label[data-module="${lesson.id}"] input`).check();
    await page.getByLabel('Class', { exact: true }).fill('Reception Ducks');
    await check('teach a class');
    await page.getByTestId('teach-start').click();
    await page.getByTestId('class-lesson').waitFor();
    const items = new Map((lesson.questions ?? []).map((q) => [q.id, q]));
    let tallied = false;
    for (let guard = 0; guard < 100; guard++) {
      const phase = (await phaseOf(page)) ?? '';
      const stepId = (await stepIdOf(page)) ?? '';
      await check(`class ${stateName(ks1.id, phase, stepId)}`);
      if (phase === 'result' || phase === 'done') break;
      if (phase === 'question') {
        const item = items.get(stepId)!;
        if (!tallied && (await page.getByTestId('count-hands').count()) > 0) {
          tallied = true;
          await page.getByTestId('count-hands').click();
          await page.getByTestId('class-tally').waitFor();
          await check('class tally');
          await page.getByRole('button', { name: "Tap the class's answer instead" }).click();
        }
        const second = (await page.getByTestId('retry-hint').count()) > 0;
        await answerByPointer(page, item, second || item.kind !== 'sort' ? rightAnswer(item) : wrongAnswer(item));
      } else {
        const before = `${phase}|${stepId}`;
        await page.getByTestId('next').click();
        await expect.poll(async () => `${await phaseOf(page)}|${await stepIdOf(page)}`).not.toBe(before);
      }
    }
    expect(tallied).toBe(true);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
