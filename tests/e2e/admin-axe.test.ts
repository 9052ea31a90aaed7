import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../lesson/axe';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { SMALL_TRUST, useChromiumAndPreview } from '../helpers/chromium-preview';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview(SMALL_TRUST, (started) => ({ browser, preview } = started));

const axe = (page: Page): Promise<string[]> => axeViolations(page, { rules: 'all' });

describe('the admin area with axe-core', () => {
  it('has no axe violations on the sign-in, the dashboard, a person and the teacher view', async () => {
    const ctx = await browser.newContext({ bypassCSP: true }); // axe is injected as a script
    const page = await ctx.newPage();
    await page.goto(preview.server.url);
    await page.getByTestId('open-admin').click();
    await expect.poll(() => page.getByTestId('admin-signin').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
    await page.getByLabel('Administrator password').press('Enter');
    await expect.poll(() => page.getByTestId('total-staff').textContent(), { timeout: 20_000 }).toBe('4');
    await expect.poll(() => page.locator('canvas').count()).toBe(2);
    await page.getByRole('button', { name: 'Ada Complete: show attempts' }).click();
    await expect.poll(() => page.getByTestId('person').isVisible()).toBe(true);
    expect(await axe(page), 'dashboard with a person open').toEqual([]);
    for (const tab of ['Pupil lessons (teacher view)', 'Settings and other PCs', 'Password']) {
      await page.getByRole('button', { name: tab }).click();
      await expect.poll(() => page.locator('.admin-panel h2').isVisible()).toBe(true);
      expect(await axe(page), tab).toEqual([]);
    }
    await ctx.close();
  });
});
