import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium } from '../helpers/browser';
import { PREVIEW_ADMIN_PASSWORD, startPreview, type Preview } from '../helpers/preview';
import { Seeder } from '../services/dashboard/seed';

const NOW = new Date('2026-11-27T12:00:00Z');
let browser: Browser;
let preview: Preview;

/** A few staff in known states, and one class's pupil counts, written as the records store keeps them. */
function seed(p: Preview): void {
  const s = new Seeder(p.started.services.db);
  s.transaction(() => {
    const pass = (id: string, at: string): void => s.acknowledge(id, s.attempt(id, { moduleId: 'assessment', status: 'passed', startedAt: at, finishedAt: at }), at);
    const ada = s.staff({ name: 'Ada Complete', workEmail: 'ada@leap.example', school: 'Hayle Academy', role: 'teaching', firstSignInAt: '2026-01-05T09:00:00Z' });
    pass(ada, '2026-01-10T10:00:00Z');
    const dan = s.staff({ name: 'Dan Expiring', workEmail: 'dan@leap.example', school: 'Hayle Academy', role: 'leader', firstSignInAt: '2025-12-01T09:00:00Z' });
    s.attempt(dan, { moduleId: 'assessment', status: 'failed', startedAt: '2025-12-19T10:00:00Z', finishedAt: '2025-12-19T10:20:00Z', scorePercent: 58 });
    pass(dan, '2025-12-20T10:00:00Z');
    s.staff({ name: 'Bea Overdue', staffId: 'S-2041', school: 'Mounts Bay Academy', role: 'support', firstSignInAt: '2026-10-01T09:00:00Z' });
    const fin = s.staff({ name: 'Finn Started', workEmail: 'finn@leap.example', school: 'Mounts Bay Academy', role: 'volunteer', firstSignInAt: '2026-11-25T09:00:00Z' });
    s.attempt(fin, { moduleId: 'introduction-scope', status: 'in-progress', startedAt: '2026-11-25T09:05:00Z', finishedAt: null });
    for (const [itemId, outcome, misconception, count] of [
      ['q1', 'secure', '', 18],
      ['q1', 'developing', '', 4],
      ['q1', 'misconception', 'Online friends are the same as real friends', 3],
    ] as const) {
      s.classCount({ academicYear: '2026-27', className: 'Oak 4', band: 'ks2', courseId: 'pupils-ks2', moduleId: 'sharing-and-passwords', itemId, outcome, misconception, count });
    }
  });
}

beforeAll(async () => {
  [browser, preview] = await Promise.all([launchChromium(), startPreview({ now: NOW })]);
  seed(preview);
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

const axe = async (page: Page): Promise<string[]> =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

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
    const problems = await watch(page);
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
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ada Complete: show attempts' }).click();
    await expect.poll(() => page.getByTestId('person').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    for (const tab of ['Pupil lessons (teacher view)', 'Settings and other PCs', 'Password']) {
      await page.getByRole('button', { name: tab }).click();
      await expect.poll(() => page.locator('.admin-panel h2').isVisible()).toBe(true);
      expect(await axe(page), tab).toEqual([]);
    }
    await ctx.close();
  });
});
