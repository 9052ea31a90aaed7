import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { watchProblems } from '../helpers/browser';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { SMALL_TRUST, useChromiumAndPreview } from '../helpers/chromium-preview';
import { shoot } from '../helpers/screenshots';
import { signInStaff } from '../lesson/browser-driver';

// Issue 14 item 6 in Chromium against the preview. The policy's own next review is "Summer 2024",
// so on this date the review has passed. The small trust has two staff (Ada, Dan) who acknowledged 0.1.
let browser: Browser;
let preview: Preview;

useChromiumAndPreview(SMALL_TRUST, (started) => ({ browser, preview } = started));

async function openAdmin(page: Page): Promise<void> {
  await page.getByTestId('open-admin').click();
  await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
  await page.getByLabel('Administrator password').press('Enter');
  await page.getByTestId('admin-area').waitFor();
}

const TABS = ['Staff dashboard', 'Pupil lessons (teacher view)', 'Exports', 'Settings and other PCs', 'Password', 'New-account requests', 'Rules staff find hard', 'Training cycle'];

describe('the admin area and the policy version', () => {
  it('keeps one layout on every tab, and tells the administrator, not learners, that the review date has passed', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const problems = await watchProblems(page);
    await page.goto(preview.server.url);
    await page.getByTestId('policy-version').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/review date has passed/i);
    await openAdmin(page);
    await expect.poll(() => page.getByTestId('review-overdue').innerText()).toContain('review date (Summer 2024) has passed');
    await shoot(page, 'admin-review-notice');
    const boxes = new Set<string>();
    const panelLefts = new Set<number | undefined>();
    for (const label of TABS) {
      await page.getByRole('button', { name: label, exact: true }).click();
      // The same heading, tab list and sign-out in the same place on every tab; the tab's own heading inside the panel.
      await expect.poll(() => page.locator('.admin-panel h2').first().isVisible(), { timeout: 10_000 }).toBe(true);
      boxes.add(JSON.stringify(await page.getByRole('navigation', { name: 'Admin sections' }).boundingBox()));
      panelLefts.add((await page.locator('.admin-panel h2').first().boundingBox())?.x);
      expect(await page.locator('#admin-title').isVisible(), label).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Admin sections' }).isVisible(), label).toBe(true);
      expect(await page.getByTestId('admin-signout').isVisible(), label).toBe(true);
      expect(await page.getByRole('button', { name: label, exact: true }).getAttribute('aria-current'), label).toBe('page');
      await shoot(page, `admin-tab-${label.replace(/\W+/g, '-').toLowerCase()}`);
    }
    expect([...boxes]).toHaveLength(1);
    expect([...panelLefts]).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Enter in a field while the version question stands answers nothing: it brings the question back, and only its own button changes the version', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const problems = await watchProblems(page);
    const saves: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('settings.set')) saves.push(r.url());
    });
    const current = preview.started.services.settings.get().policyVersionLabel;
    await page.goto(preview.server.url);
    await openAdmin(page);
    await page.getByRole('button', { name: 'Settings and other PCs', exact: true }).click();
    await page.locator('#s-version').fill('9.0');
    await page.locator('#s-version').press('Enter'); // Enter asks, as Save settings does
    const confirm = page.getByTestId('version-confirm');
    await expect.poll(() => confirm.innerText()).toContain(`Change the policy version from ${current} to 9.0?`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('version-confirm');

    // Enter in the fields around it, as an administrator finishing a line would: nothing is saved.
    for (const field of ['#s-trust', '#s-approved', '#s-idle', '#s-home', '#s-version']) {
      await page.locator(field).focus();
      await page.locator(field).press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: field }).toBe('version-confirm');
    }
    // The question follows the field it is about.
    await page.locator('#s-version').fill('9.1');
    await page.locator('#s-version').press('Enter');
    await expect.poll(() => confirm.innerText()).toContain(`Change the policy version from ${current} to 9.1?`);
    await shoot(page, 'admin-version-enter');
    expect(saves).toEqual([]);
    expect(preview.started.services.settings.get().policyVersionLabel).toBe(current);
    expect(await page.locator('#settings-saved').count()).toBe(0);

    // Keep: nothing changed; then, with no question, Enter in a field saves as before.
    await page.getByTestId('version-confirm-no').click();
    expect(await page.locator('#s-version').inputValue()).toBe(current);
    await page.locator('#s-trust').press('Enter');
    await page.locator('#settings-saved').waitFor();
    expect(saves).toHaveLength(1);
    expect(preview.started.services.settings.get().policyVersionLabel).toBe(current);

    // Removing the change while the question stands takes the question away.
    await page.locator('#s-version').fill('9.2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await confirm.waitFor();
    await page.locator('#s-version').fill(current);
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(1);
    expect(saves).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('asks before changing the version, saying how many staff acknowledge again; one approval date everywhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems = await watchProblems(page);
    await page.goto(preview.server.url);
    // Before any date is set, every screen shows the document's own words.
    await expect.poll(() => page.locator('.policy-banner').innerText()).toContain('approved March 2023');
    await openAdmin(page);
    await page.getByRole('button', { name: 'Settings and other PCs', exact: true }).click();
    await page.locator('#s-version').fill('1.0');
    await page.locator('#s-approved').fill('2026-11-20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const confirm = page.getByTestId('version-confirm');
    await expect.poll(() => confirm.innerText()).toContain('Change the policy version from 0.1 to 1.0?');
    expect(await page.getByTestId('version-confirm-count').innerText()).toContain('2 members of staff have acknowledged version 0.1');
    // The question stands under the version field it is about, on screen where the administrator
    // is looking (it has the focus), above the approval date and the LMS section; no second Save.
    const [field, question, approved, lms] = await Promise.all(['#s-version', '#version-confirm', '#s-approved', '#lms-settings'].map((s) => page.locator(s).boundingBox()));
    expect(question!.y).toBeGreaterThan(field!.y + field!.height);
    expect(question!.y + question!.height).toBeLessThan(approved!.y);
    expect(question!.y + question!.height).toBeLessThan(lms!.y);
    expect(question!.y).toBeGreaterThanOrEqual(0);
    expect(question!.y + question!.height).toBeLessThanOrEqual(768);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('version-confirm');
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await shoot(page, 'admin-version-confirm');
    // "Keep" changes nothing and puts the old label back.
    await page.getByTestId('version-confirm-no').click();
    expect(await page.locator('#s-version').inputValue()).toBe('0.1');
    expect(preview.started.services.settings.get().policyVersionLabel).toBe('0.1');
    await page.locator('#s-version').fill('1.0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('version-confirm-yes').click();
    await expect.poll(() => preview.started.services.settings.get().policyVersionLabel).toBe('1.0');
    expect(preview.started.services.settings.get().policyApprovalIso).toBe('2026-11-20');
    // A version approved after the review date: the review happened, the warning goes.
    await expect.poll(() => page.getByTestId('review-overdue').count()).toBe(0);
    // Saving again without a new label asks nothing.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#settings-saved').waitFor();
    expect(await page.getByTestId('version-confirm').count()).toBe(0);
    await page.getByTestId('admin-signout').click();

    // Home, the policy page and a learner's reminders all give the same date.
    await page.goto(preview.server.url);
    await expect.poll(() => page.locator('.policy-banner').innerText()).toContain('version 1.0 (approved 20 November 2026;');
    await page.getByTestId('read-policy').click();
    await expect.poll(() => page.locator('.policy-meta').innerText()).toContain('Approved 20 November 2026;');
    await page.getByRole('button', { name: 'Back' }).click();
    await signInStaff(page, { name: 'Ada Complete', email: 'ada.new@leap.example', school: 'Hayle Academy', pin: '135759' });
    await expect.poll(() => page.locator('.policy-version').innerText()).toBe('Policy version 1.0, approved 20 November 2026.');
    expect(problems).toEqual([]);
    await page.close();
  });
});
