import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Item } from '@content/schema';
import type { Preview } from '../helpers/preview';
import { openPage, SCREENS, useChromiumAndPreview } from '../helpers/chromium-preview';
import { shootPupilScreen } from '../helpers/screenshots';
import { answerByKeyboard, phaseOf, signInStaff, stepIdOf, tabTo } from '../lesson/browser-driver';
import { course, rightAnswer, wrongAnswer } from '../lesson/support';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

/** The smallest font size of the lesson's own text on screen (headings, lines, questions, options, feedback). */
const smallestText = (page: Page): Promise<{ px: number; text: string }> =>
  page.evaluate(() => {
    let min = { px: Infinity, text: '' };
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="step"] [data-read]:not([data-read="alt"])')) {
      if (el.getClientRects().length === 0) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      if (px < min.px) min = { px, text: (el.textContent ?? '').trim().slice(0, 40) };
    }
    return min;
  });

/** Pictures on screen: each described (role img with alt text) or hidden as decorative. */
const pictures = (page: Page): Promise<{ scene: string; alt: string | null; hidden: boolean }[]> =>
  page.locator('.picture').evaluateAll((els) =>
    els.map((el) => ({ scene: el.getAttribute('data-scene') ?? '', alt: el.getAttribute('role') === 'img' ? el.getAttribute('aria-label') : null, hidden: el.getAttribute('aria-hidden') === 'true' })),
  );

/** Anything of the staff app a class must not see on the board. */
const STAFF_CONTROLS = ['read-policy', 'who-to-tell', 'sign-out', 'signed-in-as', 'save-state', 'leave', 'open-admin'];

async function pressAndWait(page: Page, key: string): Promise<void> {
  const before = `${await phaseOf(page)}|${await stepIdOf(page)}`;
  await page.keyboard.press(key);
  await expect.poll(async () => `${await phaseOf(page)}|${await stepIdOf(page)}`).not.toBe(before);
}

describe('class mode on a 1920×1080 board (issue 13 items 1 and 8), in Chromium under the production CSP', () => {
  it('a teacher teaches a whole KS1 lesson by keyboard: large text, pictures with alt text, no staff controls, class counts only', async () => {
    const { context, page, problems } = await openPage(browser, SCREENS.board);
    await page.clock.install();
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Rhian Teacher', email: 'rhian@school.example', school: 'Oakfield Primary', pin: '357913' });
    await page.getByTestId('teach-class').click();
    await page.getByRole('heading', { name: 'Teach a class' }).waitFor();
    // KS1 is chosen first: class mode is how the youngest are taught.
    expect(await page.getByLabel('KS1: ages 4 to 7').isChecked()).toBe(true);
    const ks1 = course('pupils-ks1');
    const lesson = ks1.modules[0]!;
    await page.locator(`label[data-module="${lesson.id}"] input`).check();
    await page.getByLabel('Class', { exact: true }).fill('Year 1 Wrens');
    await shootPupilScreen(page, 'class-setup');
    await page.getByTestId('teach-start').click();
    await page.getByTestId('class-lesson').waitFor();

    const items = new Map<string, Item>((lesson.questions ?? []).map((q) => [q.id, q]));
    const seen = new Set<string>();
    const small: string[] = [];
    const undescribed: string[] = [];
    let questions = 0;
    for (let guard = 0; guard < 100; guard++) {
      const phase = (await phaseOf(page)) ?? '';
      const stepId = (await stepIdOf(page)) ?? '';
      for (const id of STAFF_CONTROLS) expect(await page.getByTestId(id).count(), `${id} on ${phase} ${stepId}`).toBe(0);
      const min = await smallestText(page);
      if (min.px < 32) small.push(`${phase} ${stepId}: ${min.px}px "${min.text}"`);
      for (const p of await pictures(page)) if (!p.hidden && !p.alt) undescribed.push(`${phase} ${stepId}: ${p.scene}`);
      const kind = `${phase}-${lesson.screens.find((s) => s.id === stepId)?.kind ?? items.get(stepId)?.kind ?? ''}`;
      if (!seen.has(kind)) {
        seen.add(kind);
        await shootPupilScreen(page, `class-${kind}`);
      }
      if (phase === 'result' || phase === 'done') break;
      // The focus starts on each step's heading, so a clicker's keys work straight away.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      if (phase === 'question') {
        const item = items.get(stepId)!;
        const second = (await page.getByTestId('retry-hint').count()) > 0;
        // The class gets the first question wrong, then right at the second try.
        await answerByKeyboard(page, item, questions === 0 && !second ? wrongAnswer(item) : rightAnswer(item));
        if (!second) questions++;
      } else {
        await pressAndWait(page, phase === 'screen' && guard % 2 === 0 ? 'PageDown' : 'ArrowRight');
        // A clicker's PageUp goes back a screen, and PageDown forward again.
        if (guard === 0) {
          await pressAndWait(page, 'PageUp');
          await pressAndWait(page, 'PageDown');
        }
      }
    }
    expect(small).toEqual([]);
    expect(undescribed).toEqual([]);
    expect(seen.has('screen-text') || [...seen].some((k) => k.startsWith('screen-'))).toBe(true);
    expect(questions).toBe(items.size);
    expect(await page.locator('[data-testid="step"] .picture[role="img"]').count() + (await page.locator('.class-end').count())).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Well done, Year 1 Wrens!' }).waitFor();
    expect(await page.getByTestId('progress-dots').getAttribute('aria-label')).toBe(`Step ${lesson.screens.length + items.size} of ${lesson.screens.length + items.size}`);

    // Only the class's counts: the first question developing (right at the second try), the rest secure.
    const rows = preview.started.services.db
      .prepare(`SELECT item_id, outcome, count FROM class_counts WHERE class_name = 'Year 1 Wrens' ORDER BY item_id`)
      .all() as { item_id: string; outcome: string; count: number }[];
    const firstId = (lesson.questions ?? [])[0]!.id;
    expect(rows).toEqual([...items.keys()].sort().map((id) => ({ item_id: id, outcome: id === firstId ? 'developing' : 'secure', count: 1 })));
    expect(preview.started.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get()).toEqual({ n: 0 });

    // Teach another lesson: the class and band are kept, and no sign-in is asked for.
    await tabTo(page, (f) => f.testid === 'teach-another', 'Teach another lesson');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Teach a class' }).waitFor();
    expect(await page.getByLabel('Class', { exact: true }).inputValue()).toBe('Year 1 Wrens');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Your modules' }).waitFor();

    // The teacher reads their class's answers without the administrator (issue 13 item 7).
    await page.getByTestId('my-class-counts').click();
    const counted = page.getByTestId('lesson-counts');
    await counted.first().waitFor();
    expect(await counted.count()).toBe(1);
    expect(await counted.locator('h2').textContent()).toBe(`Year 1 Wrens (ages 4 to 7): ${lesson.title}`);
    const first = counted.locator('tbody tr').filter({ hasText: (lesson.questions ?? [])[0]!.stem });
    expect((await first.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['0 of 1 secure', '1 of 1 developing', '0 of 1 not yet']);
    expect(await counted.locator('tbody tr').count()).toBe(items.size);
    await shootPupilScreen(page, 'my-class-counts');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a 1280×720 board and takes a tally of hands for a question', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Tom Teacher', email: 'tom@school.example', school: 'Oakfield Primary', pin: '975313' });
    await page.getByTestId('teach-class').click();
    const ks2 = course('pupils-ks2');
    const lesson = ks2.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'single'))!;
    await page.getByLabel('KS2: ages 7 to 11').check();
    await page.locator(`label[data-module="${lesson.id}"] input`).check();
    await page.getByLabel('Class', { exact: true }).fill('Year 4 Owls');
    await page.getByTestId('teach-start').click();
    await page.getByTestId('class-lesson').waitFor();
    const single = (lesson.questions ?? []).find((q) => q.kind === 'single')!;
    while ((await stepIdOf(page)) !== single.id) {
      // Nothing of the lesson is hidden sideways on a small board.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      if ((await phaseOf(page)) === 'question') {
        const id = (await stepIdOf(page)) ?? '';
        const item = (lesson.questions ?? []).find((q) => q.id === id)!;
        await answerByKeyboard(page, item, rightAnswer(item));
      } else await pressAndWait(page, 'PageDown');
    }
    expect((await smallestText(page)).px).toBeGreaterThanOrEqual(32);
    await page.getByTestId('count-hands').click();
    if (single.kind !== 'single') throw new Error('not a single-answer question');
    const right = single.options.find((o) => o.correct)!;
    const wrong = single.options.find((o) => !o.correct)!;
    await page.getByLabel(right.text, { exact: true }).fill('17');
    await page.getByRole('button', { name: `One more for ${wrong.text}` }).click();
    await page.getByRole('button', { name: `One more for ${wrong.text}` }).click();
    await page.getByText('19 hands counted').waitFor();
    await shootPupilScreen(page, 'class-tally');
    await page.getByTestId('tally-submit').click();
    await page.getByRole('heading', { name: 'Right!' }).waitFor();
    await shootPupilScreen(page, 'class-feedback-after-tally');
    const rows = preview.started.services.db
      .prepare(`SELECT outcome, count FROM class_counts WHERE class_name = 'Year 4 Owls' AND item_id = ? ORDER BY outcome`)
      .all(single.id) as { outcome: string; count: number }[];
    expect(rows).toEqual([
      { outcome: 'misconception', count: 2 },
      { outcome: 'secure', count: 17 },
    ]);
    await context.close();
  });
});
