import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { watchProblems } from '../helpers/browser';
import { shoot } from '../helpers/screenshots';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { SMALL_TRUST, useChromiumAndPreview } from '../helpers/chromium-preview';

const NOW = SMALL_TRUST.now;
let browser: Browser;
let preview: Preview;

useChromiumAndPreview(SMALL_TRUST, (started) => ({ browser, preview } = started));

async function signIn(page: Page): Promise<void> {
  await page.goto(preview.server.url);
  await page.getByTestId('open-admin').focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('admin-area').isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('total-staff').textContent()).toBe('4');
}

describe('the admin dashboard in Chromium', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('refuses a wrong password, then shows the figures and draws the charts under the strict CSP', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(preview.server.url);
    await page.getByTestId('open-admin').click();
    await page.getByLabel('Administrator password').fill('not the password at all');
    await page.getByLabel('Administrator password').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('Wrong password');
    expect(preview.started.services.admin.isUnlocked()).toBe(false);

    await signIn(page);
    expect(await page.getByTestId('total-overdue').textContent()).toBe('1');
    expect(await page.getByTestId('total-expiring').textContent()).toBe('1');
    expect(await page.getByTestId('total-complete').textContent()).toContain('2');
    const schools = await page.getByTestId('by-school').locator('tbody th').allTextContents();
    expect(schools).toEqual(['Hayle Academy', 'Mounts Bay Academy']);
    // chart.js (lazily loaded) has drawn on both canvases: pixels are no longer blank.
    for (const id of ['chart-school', 'chart-module']) {
      await expect
        .poll(() =>
          page.getByTestId(id).locator('canvas').evaluate((c: HTMLCanvasElement) => {
            const ctx = c.getContext('2d');
            if (!ctx || c.width === 0) return 0;
            const data = ctx.getImageData(0, 0, c.width, c.height).data;
            let inked = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
            return inked;
          }),
        )
        .toBeGreaterThan(100);
      expect(await page.getByTestId(id).locator('canvas').getAttribute('aria-label')).toMatch(/of \d+ (complete|done)/);
    }
    expect(problems).toEqual([]);
  });

  it('filters, searches and drills down to a person and their attempts', async () => {
    const page = context.pages()[0]!;
    await page.getByLabel('School', { exact: true }).selectOption('Hayle Academy');
    await page.getByTestId('apply-filters').click();
    await expect.poll(() => page.getByTestId('total-staff').textContent()).toBe('2');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.getByTestId('total-staff').textContent()).toBe('4');

    await page.getByTestId('search').fill('s-2041');
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => page.getByTestId('people').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('people').locator('tbody').textContent()).toContain('Overdue');
    await page.getByRole('button', { name: 'Clear' }).click();

    await page.getByRole('button', { name: 'Dan Expiring: show attempts' }).click();
    await expect.poll(() => page.getByTestId('person').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('person-title');
    const attempts = await page.getByTestId('attempts').locator('tbody tr').allTextContents();
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toContain('Passed');
    expect(attempts[1]).toContain('Not passed yet');
    expect(attempts[1]).toContain('58%');
    await page.getByRole('button', { name: 'Back to the list' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dan Expiring');
  });

  it('lists the people a figure counts, sorts them, exports the list and copies its emails', async () => {
    const page = context.pages()[0]!;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await shoot(page, 'dashboard');
    // Each figure lists exactly the people it counts.
    for (const id of ['overdue', 'complete', 'expiring', 'in-progress', 'staff']) {
      const figure = Number.parseInt((await page.getByTestId(`total-${id}`).textContent()) ?? '', 10);
      await page.getByTestId(`tile-${id}`).click();
      await expect.poll(() => page.getByTestId('tile-' + id).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.getByTestId('people').locator('tbody tr').count(), { message: id }).toBe(figure);
      expect(await page.getByTestId('people-title').textContent()).toContain(`: ${figure} `);
    }
    // Bea is overdue since 15 October (signed in 1 October, 14 days to finish), known by her staff ID.
    const bea = page.getByTestId('people').locator('tbody tr', { hasText: 'Bea Overdue' });
    expect(await bea.locator('td').first().textContent()).toBe('S-2041');
    expect(await bea.getByTestId('days-overdue').textContent()).toBe('43');
    const ada = page.getByTestId('people').locator('tbody tr', { hasText: 'Ada Complete' });
    expect(await ada.locator('td').first().textContent()).toBe('ada@leap.example');
    expect(await ada.getByTestId('acknowledged').textContent()).toMatch(/^Version 0\.1, \d+ \w+ 20\d\d$/);

    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(() => page.getByTestId('people').locator('tbody th').allTextContents()).toEqual(['Ada Complete', 'Bea Overdue', 'Dan Expiring', 'Finn Started']);
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Days overdue', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('people').locator('tbody th').allTextContents())[0]).toBe('Bea Overdue');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-list').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toContain('Name,Work email,Staff ID');
    expect(csv).toHaveLength(5);
    expect(csv[1]).toMatch(/^Bea Overdue,,S-2041,Mounts Bay Academy,/);

    await page.getByTestId('tile-complete').click();
    await expect.poll(() => page.getByTestId('people').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('copy-emails').click();
    await expect.poll(() => page.getByTestId('list-note').textContent()).toContain('Copied 2 email addresses');
    expect((await page.evaluate(() => navigator.clipboard.readText())).split('; ').sort()).toEqual(['ada@leap.example', 'dan@leap.example']);
    await shoot(page, 'dashboard-complete');
    await page.getByTestId('tile-staff').click();
  });

  it('shows the teacher view as class counts, and signs out', async () => {
    const page = context.pages()[0]!;
    await page.getByRole('button', { name: 'Pupil lessons (teacher view)' }).click();
    await expect.poll(() => page.getByTestId('class-answers').locator('tbody tr').count()).toBe(1);
    const row = await page.getByTestId('class-answers').locator('tbody tr').textContent();
    expect(row).toContain('Oak 4');
    expect(row).toContain('Online friends are the same as real friends: 3');
    await page.getByTestId('admin-signout').click();
    await expect.poll(() => page.getByTestId('admin-signin').isVisible()).toBe(true);
    expect(preview.started.services.admin.isUnlocked()).toBe(false);
  });
  it("the page's own idle timer signs the administrator out promptly, and main agrees", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.clock.install(); // the page's timers only; main keeps its own clock
    await signIn(page);
    await page.clock.fastForward('09:00');
    expect(await page.getByTestId('admin-area').isVisible()).toBe(true);
    await page.clock.fastForward('01:05');
    await expect.poll(() => page.getByTestId('admin-signin').isVisible()).toBe(true);
    expect(await page.getByRole('status').first().textContent()).toContain('after 10 minutes without activity');
    await expect.poll(() => preview.started.services.admin.isUnlocked()).toBe(false);
    await ctx.close();
  });

  it("main signs the administrator out after the idle time on its own clock, and the screen follows at the next click", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.clock.install(); // the page's own timer never fires here: only main's clock moves
    await signIn(page);
    try {
      preview.setNow(new Date(NOW.getTime() + 10 * 60_000 + 5_000));
      expect(preview.started.services.admin.isUnlocked()).toBe(false);
      expect(await page.getByTestId('admin-area').isVisible()).toBe(true); // the page has not noticed yet
      // The next click that asks main anything (the Exports tab reads where other PCs' records came
      // from) is refused by main; the page follows, whichever panel asked.
      await page.getByRole('button', { name: 'Exports', exact: true }).click();
      await expect.poll(() => page.getByTestId('admin-signin').isVisible()).toBe(true);
      expect(await page.getByRole('status').first().textContent()).toContain('The admin area was locked');
    } finally {
      preview.setNow(NOW);
    }
    await ctx.close();
  });
});
