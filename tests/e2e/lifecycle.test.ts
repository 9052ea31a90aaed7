import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startPreview } from '../helpers/preview';
import { at, axe, openPage, passedOn, signIn, takeLesson } from '../services/compliance/browser-steps';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the compliance cycle in Chromium', () => {
  it('a staff member whose pass has expired takes the refresher and is complete again', async () => {
    const preview = await startPreview({ now: at('2025-09-01') });
    const problems: string[] = [];
    try {
      const first = await passedOn(preview, '2025-09-10', 'sam@leap.example');
      preview.setNow(at('2026-10-20')); // the pass expired on 2026-09-10

      const page = await openPage(browser, preview, problems);
      await signIn(page, 'sam@leap.example');
      const expired = page.locator('[data-testid="reminders"] li[data-kind="expired"]');
      await expect.poll(() => expired.textContent()).toContain('expired on 10 September 2026');
      await expect.poll(() => page.locator('[data-module="assessment"] .status').getAttribute('data-status')).toBe('expired');
      expect(await page.locator('[data-module="refresher"]').count()).toBe(1);
      expect(await page.getByTestId('reminders').textContent()).not.toMatch(/streak|days? left|hurry|urgent/i);
      expect(await axe(page)).toEqual([]);

      await expired.getByTestId('start-refresher').click();
      await page.getByTestId('step').waitFor();
      await takeLesson(page);
      await page.getByTestId('back-to-modules').click();

      await expect.poll(() => page.locator('[data-module="assessment"] .status').getAttribute('data-status')).toBe('passed');
      expect(await page.locator('[data-module="refresher"]').count()).toBe(0);
      await expect.poll(() => page.getByTestId('reminders-none').count()).toBe(1);
      expect(await page.locator('[data-module="assessment"]').textContent()).toContain('20 October 2027');

      // Main's record: renewed from the refresher pass, with items not seen last time.
      const c = preview.started.services.compliance.compliance(first.learnerId);
      expect(c.courses[0]).toMatchObject({ state: 'complete', passedOn: '2026-10-20', expiresOn: '2027-10-20', refresherOffered: false });
      const refresher = preview.started.services.db
        .prepare("SELECT drawn_item_ids, status FROM attempts WHERE learner_id = ? AND module_id = 'refresher'")
        .get(first.learnerId) as { drawn_item_ids: string; status: string };
      expect(refresher.status).toBe('passed');
      expect((JSON.parse(refresher.drawn_item_ids) as string[]).filter((id) => first.drawn.includes(id))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await preview.stop();
    }
  });
});
