import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { watchProblems } from '../helpers/browser';
import { axeViolations } from '../lesson/axe';
import type { Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({ setUp: false }, (started) => ({ browser, preview } = started));

async function axe(page: Page): Promise<string[]> {
  return axeViolations(page, { rules: 'all' });
}

describe('setting up a PC by screen, in Chromium under the production CSP', () => {
  it('shows only the set-up screen, and it passes axe', async () => {
    const context = await browser.newContext({ bypassCSP: true }); // axe is injected as a script
    const page = await context.newPage();
    await page.goto(preview.server.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('This computer is not set up yet');
    expect(await page.locator('.header-nav').isVisible()).toBe(false);
    expect(await page.getByTestId('open-admin').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    // A refused form is as accessible as a fresh one.
    await page.getByLabel('Schools, one per line').fill('   ');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.locator('#setup-schools').getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('never shows the home screen, not even while the app starts (the app shell stays hidden)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    // Every change to the page is checked as it happens, before it can be painted.
    await page.addInitScript(() => {
      (window as Window & { homeSeen?: boolean }).homeSeen = false;
      new MutationObserver(() => {
        const heading = document.getElementById('home-title');
        if (heading?.checkVisibility()) (window as Window & { homeSeen?: boolean }).homeSeen = true;
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(preview.server.url);
    await expect.poll(() => page.locator('#main h1').textContent()).toBe('This computer is not set up yet');
    expect(await page.evaluate(() => (window as Window & { homeSeen?: boolean }).homeSeen)).toBe(false);
    expect(await page.locator('#home-title').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sets the PC up from the keyboard, opens the admin area, and remembers it after a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(preview.server.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('This computer is not set up yet');

    // Mistakes first: a short password and a mismatch are refused next to their fields.
    await page.getByLabel('Trust name').fill('Oakfield Learning Trust');
    await page.getByLabel('Schools, one per line').fill('Oak Primary\nAsh Academy\n');
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Type the password again').fill('too short');
    await page.getByLabel('Type the password again').press('Enter');
    await expect.poll(() => page.locator('#setup-adminPassword-error').textContent()).toContain('at least 12 characters');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setup-adminPassword');
    await page.keyboard.press('ControlOrMeta+a'); // focus is already in the password field
    await page.keyboard.type('lanterns orbit quietly');
    await page.getByLabel('Type the password again').fill('lanterns orbit quietly');
    await page.getByLabel('Type the password again').press('Enter');

    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Administration');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('This computer is set up');
    expect(preview.started.services.admin.isSetUp()).toBe(true);
    expect(preview.started.services.settings.get()).toMatchObject({ trustName: 'Oakfield Learning Trust', schools: ['Oak Primary', 'Ash Academy'] });
    await expect.poll(() => page.locator('header').textContent()).toContain('Oakfield Learning Trust');

    // A reload is a fresh window: the PC stays set up, and the admin area is locked again.
    await page.reload();
    await expect.poll(() => page.getByTestId('open-admin').isVisible()).toBe(true);
    expect(await page.locator('h1').textContent()).not.toBe('This computer is not set up yet');
    await expect.poll(() => preview.started.services.admin.isUnlocked()).toBe(false);
    await page.getByTestId('open-admin').click();
    await expect.poll(() => page.getByTestId('admin-signin').isVisible()).toBe(true);
    await page.getByLabel('Administrator password').fill('lanterns orbit quietly');
    await page.getByLabel('Administrator password').press('Enter');
    await expect.poll(() => page.getByTestId('admin-area').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
