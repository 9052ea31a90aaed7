import type { Browser } from 'playwright-core';
import { startPreview } from '../helpers/preview';
import { answerByPointer, phaseOf, signInStaff, stepIdOf } from '../lesson/browser-driver';
import { course, rightAnswer } from '../lesson/support';
import { pressNext, type StepSample } from './lesson-step';

export interface ClassSteps {
  samples: StepSample[];
  lessons: string[];
}

/**
 * Class mode's step time (issue 19 item 5): a teacher's KS1 lessons on a 1920×1080 board through
 * the preview (built renderer, real services, production CSP). Next (or Try again) pressed and timed
 * as the lesson-step figure is; the class's answers are given untimed, as a teacher taps them.
 */
export async function measureClassSteps(browser: Browser, wanted: number): Promise<ClassSteps> {
  const preview = await startPreview();
  const ks1 = course('pupils-ks1');
  const items = new Map(ks1.modules.flatMap((m) => m.questions ?? []).map((q) => [q.id, q]));
  const samples: StepSample[] = [];
  const lessons: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Bench Teacher', email: 'bench-class@school.example', school: 'Oakfield Primary', pin: '246813' });
    for (let round = 0; samples.length < wanted && round < 4 * ks1.modules.length; round++) {
      const lesson = ks1.modules[round % ks1.modules.length]!;
      await page.getByTestId(round === 0 ? 'teach-class' : 'teach-another').click();
      await page.locator(`label[data-module="${lesson.id}"] input`).check();
      await page.getByLabel('Class', { exact: true }).fill('Bench Class');
      await page.getByTestId('teach-start').click();
      await page.getByTestId('class-lesson').waitFor();
      lessons.push(lesson.id);
      for (let guard = 0; guard < 100 && samples.length < wanted; guard++) {
        const phase = await phaseOf(page);
        if (phase === 'result' || phase === 'done') break;
        if (phase === 'question') {
          const item = items.get((await stepIdOf(page)) ?? '');
          if (!item) throw new Error(`question ${await stepIdOf(page)} is not in ${ks1.id}`);
          await answerByPointer(page, item, rightAnswer(item));
          continue;
        }
        const s = await pressNext(page);
        if (!s) throw new Error(`Next could not be pressed on ${phase} ${await stepIdOf(page)}`);
        samples.push(s);
      }
      if (samples.length >= wanted) break;
      await page.getByTestId('teach-another').waitFor();
    }
  } finally {
    await context.close();
    await preview.stop();
  }
  if (samples.length === 0) throw new Error('no class-mode step could be measured');
  return { samples, lessons };
}
