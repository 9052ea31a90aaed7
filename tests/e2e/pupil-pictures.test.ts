import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { RENDERER_ROOT, type Preview } from '../helpers/preview';
import { openPage, SCREENS, useChromiumAndPreview } from '../helpers/chromium-preview';
import { signInStaff, startPupil } from '../lesson/browser-driver';
import { course } from '../lesson/support';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

describe('pictures in a pupil lesson, in Chromium under the production CSP', () => {
  it('shows each screen its scene as inline SVG, described by its alt text or hidden when decorative', async () => {
    const { context, page, problems } = await openPage(browser, SCREENS.pc);
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Mary Teacher', email: 'mary@school.example', school: 'Oakfield Primary', pin: '246859' });
    await startPupil(page, { firstName: 'Ali', initial: 'B', className: 'Year 1 Owls', band: 'ks1' });

    const lesson = course('pupils-ks1').modules[0]!;
    await page.getByTestId(`open-${lesson.id}`).click();
    const seen: string[] = [];
    for (const screen of lesson.screens) {
      const step = page.locator(`[data-testid="step"][data-step="${screen.id}"]`);
      await step.waitFor();
      const picture = step.locator('.picture');
      await expect.poll(() => picture.count(), { message: screen.id }).toBe(1);
      expect(await picture.getAttribute('data-scene')).toBe(screen.picture?.scene);
      if (screen.picture?.decorative) {
        expect(await picture.getAttribute('aria-hidden'), screen.id).toBe('true');
        expect(await picture.getAttribute('role')).toBeNull();
      } else {
        // What a screen reader announces: the role and the author's alt text.
        await expect.poll(() => step.getByRole('img', { name: screen.picture?.alt ?? '' }).count(), { message: screen.id }).toBe(1);
      }
      const box = await picture.locator('svg').boundingBox();
      expect(box?.width ?? 0, `${screen.id} picture width`).toBeGreaterThan(200);
      expect((box?.width ?? 0) / (box?.height ?? 1)).toBeCloseTo(200 / 120, 1);
      seen.push(screen.id);
      await page.getByTestId('next').click();
    }
    expect(seen.length).toBe(lesson.screens.length);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps scene markup out of the first screen: no built script or style carries a scene', () => {
    const assets = readdirSync(path.join(RENDERER_ROOT, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(assets.length).toBeGreaterThan(3);
    for (const f of assets) expect(readFileSync(path.join(RENDERER_ROOT, 'assets', f), 'utf8'), f).not.toContain('viewBox="0 0 200 120"');
  });
});
