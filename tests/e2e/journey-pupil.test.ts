import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Preview } from '../helpers/preview';
import { watchProblems } from '../helpers/browser';
import { useChromiumAndPreview } from '../helpers/chromium-preview';
import { playByKeyboard, signInStaff, startPupil, tabTo } from '../lesson/browser-driver';
import { course } from '../lesson/support';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

/** Every control a pupil can press in the player is at least 44 × 44 px (CONTENT-BRIEF). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.player button, .player label.choice, .player select, .lesson-actions button'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ el, r }) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

describe('a 4–7 pupil lesson with the keyboard alone, in Chromium under the production CSP', () => {
  it('a teacher starts the session; the pupil completes a lesson by keyboard; main keeps completion and class counts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.clock.install();
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Mary Teacher', email: 'mary@school.example', school: 'Oakfield Primary', pin: '246859' });
    await startPupil(page, { firstName: 'Sam', initial: 'K', className: 'Year 2 Robins', band: 'ks1' });

    // From here on, the keyboard only.
    const ks1 = course('pupils-ks1');
    const lesson = ks1.modules[0]!;
    await tabTo(page, (f) => f.testid === `open-${lesson.id}`, `the ${lesson.title} button`);
    await page.keyboard.press('Enter');
    const small: string[] = [];
    const asked = await playByKeyboard(page, {
      course: ks1,
      pick: (_i, n) => (n === 1 ? 'wrong' : 'right'),
      onState: async () => {
        small.push(...(await smallTargets(page)));
      },
    });
    expect(asked.length).toBe(lesson.questions?.length);
    expect(small).toEqual([]);
    await expect.poll(() => page.locator('.result').textContent()).toContain('You finished the lesson');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    await tabTo(page, (f) => f.testid === 'back-to-modules', 'Back to my lessons');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Hello, Sam K' }).waitFor();

    const row = preview.started.services.db
      .prepare(`SELECT a.status, a.cmi FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.first_name = 'Sam' AND a.module_id = ?`)
      .get(lesson.id) as { status: string; cmi: string | null } | undefined;
    expect(row?.status).toBe('completed');
    // A pupil's answers are folded into class counts at the end; the cmi is not kept.
    expect(row?.cmi).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
