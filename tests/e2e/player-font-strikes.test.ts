import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { STEP_TEXT_STYLES } from '@renderer/app/player/font-warmup';
import type { BundleCourse } from '@content/schema';
import type { Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';
import { playLesson, signInStaff, startPupil } from '../lesson/browser-driver';
import { course, staffCourse } from '../lesson/support';

let browser: Browser;
let preview: Preview;
useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

interface Drawn {
  pupil: boolean;
  em: number;
  rem: number;
  /** "weight size" of every element in the player that draws text of its own. */
  styles: string[];
}

/** The text styles the step on screen draws, as Chromium computed them. */
const drawnStyles = (page: Page): Promise<Drawn> =>
  page.evaluate(() => {
    const player = document.querySelector('.player');
    if (!player) throw new Error('no player on screen');
    const styles = new Set<string>();
    for (const el of player.querySelectorAll('*')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!ownText || el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      styles.add(`${s.fontWeight} ${Math.round(parseFloat(s.fontSize) * 100) / 100}`);
    }
    return {
      pupil: player.classList.contains('pupil'),
      em: parseFloat(getComputedStyle(player).fontSize),
      rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
      styles: [...styles],
    };
  });

/** The styles the player sets up while idle (font-warmup.ts), for the player as drawn. */
const warmed = (d: Drawn): string[] =>
  STEP_TEXT_STYLES.filter((s) => d.pupil || !s.pupil).map((s) => `${s.weight} ${Math.round((s.rem !== undefined ? s.rem * d.rem : (s.em ?? 1) * d.em) * 100) / 100}`);

/**
 * The player sets up the fonts of its steps' text while the page is idle, so a press's frame does
 * not (issue 19 item 6). That only holds while the list it warms covers what its stylesheet draws:
 * every state of a staff lesson with every kind of screen, and of a pupil's lesson, at the staff
 * PC's size and on a board.
 */
describe("the fonts the player sets up while idle cover every step's text", () => {
  const unwarmed = async (page: Page, seen: Set<string>): Promise<string[]> => {
    const d = await drawnStyles(page);
    const ready = new Set(warmed(d));
    for (const s of d.styles) seen.add(s);
    return d.styles.filter((s) => !ready.has(s));
  };
  /** Plays the open lesson (its first answer wrong), noting every style drawn and each one not warmed. */
  const playNoting = async (page: Page, lessonCourse: BundleCourse, label: string): Promise<{ missing: string[]; seen: Set<string> }> => {
    const missing: string[] = [];
    const seen = new Set<string>();
    await playLesson(page, {
      course: lessonCourse,
      pick: (_i, n) => (n === 0 ? 'wrong' : 'right'),
      onState: async (phase, stepId) => {
        for (const s of await unwarmed(page, seen)) missing.push(`${label}${phase} ${stepId}: ${s}`);
      },
    });
    return { missing, seen };
  };

  it('a staff lesson with every kind of screen, to its end', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Font Tester', email: 'fonts@school.example', school: 'Oakfield Primary', role: 'account-runner', pin: '135759' });
    const staff = staffCourse();
    const kinds = new Set(staff.modules.flatMap((m) => m.screens.map((s) => s.kind)));
    const path = staff.roles?.['account-runner']?.modules ?? [];
    const lesson = staff.modules.find((m) => path.includes(m.id) && [...kinds].every((k) => m.screens.some((s) => s.kind === k)));
    if (!lesson) throw new Error('no staff lesson shows every screen kind');
    await page.getByTestId(`open-${lesson.id}`).click();
    const { missing, seen } = await playNoting(page, staff, '');
    await context.close();
    expect(missing).toEqual([]);
    // The step's heading, its paragraphs and a legend or label at least.
    expect([...seen]).toEqual(expect.arrayContaining(['700 24', '400 16', '600 16']));
  });

  it("a pupil's lesson, on a staff PC and on a board", async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(preview.server.url);
      await signInStaff(page, { name: 'Font Teacher', email: `fonts${viewport.width}@school.example`, school: 'Oakfield Primary', pin: '135759' });
      await startPupil(page, { firstName: 'Ana', initial: 'B', className: 'Year 1', band: 'ks1' });
      const ks1 = course('pupils-ks1');
      await page.getByTestId(`open-${ks1.modules[0]!.id}`).click();
      const { missing, seen } = await playNoting(page, ks1, `${viewport.width}: `);
      await context.close();
      expect(missing).toEqual([]);
      expect(seen.size).toBeGreaterThan(2);
    }
  });
});
