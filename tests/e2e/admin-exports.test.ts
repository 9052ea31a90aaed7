import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { watchProblems } from '../helpers/browser';
import { shoot } from '../helpers/screenshots';
import { axeViolations } from '../lesson/axe';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';
import { IDS, NOW, seedRows } from '../services/exports/seed';
import { certificateNumber } from '@services/exports/documents/certificate-number';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({ now: NOW }, (started) => {
  ({ browser, preview } = started);
  // Three staff (Ada passed and acknowledged, Ben failed, Cy in progress), a pupil, and an LMS mapping.
  seedRows(preview.started.services);
});

const TOTARA =
  'username,courseshortname,courseidnumber,completiondate,grade\r\nada@leap.example,SMP-INTRO,SMP00,2026-09-30,100\r\nada@leap.example,SMP-ASSESS,SMP01,2026-10-01,91.67\r\n';

/** Signs in to the admin area and opens the Exports tab with the keyboard. */
async function openExports(page: Page): Promise<void> {
  await page.goto(preview.server.url);
  await page.getByTestId('open-admin').click();
  await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
  await page.getByLabel('Administrator password').press('Enter');
  await expect.poll(() => page.getByTestId('admin-area').isVisible(), { timeout: 20_000 }).toBe(true);
  await page.getByRole('button', { name: 'Exports', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('export-run').isVisible()).toBe(true);
}

/** Records every state a <progress> element takes on the page, so a short-lived bar is still seen. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    const note = (): void => {
      for (const p of document.querySelectorAll('progress')) {
        const state = `${p.getAttribute('value') ?? 'indeterminate'}/${p.getAttribute('max') ?? '-'}`;
        if (seen[seen.length - 1] !== state) seen.push(state);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}
const seenProgress = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);

/** Follows the download link with the keyboard and returns the file the browser received. */
async function follow(page: Page, name: string): Promise<{ download: Download; bytes: Buffer }> {
  const link = page.getByRole('link', { name: `Download ${name}` });
  await link.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const file = await download.path();
  return { download, bytes: readFileSync(file) };
}

describe('the admin Exports screen in Chromium, through the preview', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('exports the Totara CSV with the exact header, showing progress, as a download', async () => {
    context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await openExports(page);
    await recordProgress(page);

    await page.getByLabel('Totara completion upload (CSV)').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Totara completion upload (CSV)').isChecked()).toBe(true);
    await page.getByTestId('export-run').focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('export-outcome').textContent(), { timeout: 20_000 }).toContain('2 rows');
    // The last progress event says all three staff (never the pupil) were walked.
    const bar = page.getByRole('progressbar', { name: 'Progress of the Totara completion upload (CSV) export' });
    await expect.poll(() => bar.getAttribute('max')).toBe('3');
    await expect.poll(() => bar.getAttribute('value')).toBe('3');
    expect(await seenProgress(page)).toContain('3/3');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-outcome');

    const { download, bytes } = await follow(page, 'totara-completions-2026-11-20.csv');
    expect(download.suggestedFilename()).toBe('totara-completions-2026-11-20.csv');
    expect(bytes[0]).not.toBe(0xef); // UTF-8 without a BOM
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('username,courseshortname,courseidnumber,completiondate,grade');
    expect(text).toBe(TOTARA);
    expect(problems).toEqual([]);
  });

  it('exports the SCORM 2004 package of the staff induction, with a bar while it is built', async () => {
    const page = context.pages()[0]!;
    const problems = await watchProblems(page);
    await recordProgress(page);
    await page.getByLabel('SCORM 2004 4th edition course package').check();
    await expect.poll(() => page.getByTestId('package-options').isVisible()).toBe(true);
    expect(await page.getByLabel('Course', { exact: true }).inputValue()).toBe('staff-induction');
    expect(await page.getByLabel('One package per module').isChecked()).toBe(false);
    await page.getByTestId('export-run').click();

    await expect.poll(() => page.getByTestId('export-outcome').textContent(), { timeout: 30_000 }).toMatch(/^Done: \d+ modules/);
    // A single package reports no count: an indeterminate bar stood for it while main worked.
    expect(await seenProgress(page)).toContain('indeterminate/-');
    const { download, bytes } = await follow(page, 'staff-induction-scorm2004.zip');
    expect(download.suggestedFilename()).toBe('staff-induction-scorm2004.zip');
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['imsmanifest.xml', 'player.html', 'content.js']));
    expect(Buffer.from(files['imsmanifest.xml']!).toString('utf8')).toContain('2004 4th Edition');
    expect(problems).toEqual([]);
  });

  it('shows main’s refusal in the alert region when the admin area was locked meanwhile', async () => {
    const page = context.pages()[0]!;
    await page.getByLabel('Results (CSV)').check();
    preview.started.services.admin.lock();
    await page.getByTestId('export-run').click();
    await expect.poll(() => page.getByTestId('export-error').textContent()).toBe('The admin area is locked: sign in with the administrator password.');
    expect(await page.getByRole('alert').filter({ hasText: 'admin area is locked' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-error');
  });

  it('gives a person’s certificate from the dashboard drill-down', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    const problems = await watchProblems(page);
    await openExports(page);
    await page.getByRole('button', { name: 'Staff dashboard' }).click();
    await page.getByRole('button', { name: 'Ada Lovelace: show attempts' }).click();
    await expect.poll(() => page.getByTestId('person').isVisible()).toBe(true);
    await page.getByTestId('certificates').getByRole('button').click();
    const name = `certificate-Ada-Lovelace-${certificateNumber(IDS.adaPass)}.pdf`;
    const { download, bytes } = await follow(page, name);
    expect(download.suggestedFilename()).toBe(name);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('exports that cannot succeed, and certificates, in Chromium', () => {
  it('says first what a Totara upload still needs, leads to those settings, and clears an outcome when the format changes', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    const problems = await watchProblems(page);
    const lms = preview.started.services.settings.get().lms;
    preview.started.services.settings.set({ lms: { ...lms, courses: {} } });
    try {
      await openExports(page);
      await page.getByLabel('Results (CSV)').check();
      await page.getByTestId('export-run').click();
      await expect.poll(() => page.getByTestId('export-outcome').isVisible(), { timeout: 20_000 }).toBe(true);
      await page.getByLabel('Totara completion upload (CSV)').check();
      expect(await page.getByTestId('export-outcome').count()).toBe(0); // the CSV's outcome is gone
      expect(await page.getByTestId('export-downloads').count()).toBe(0);
      await expect.poll(() => page.getByTestId('export-blocked').textContent()).toContain('set the LMS course codes');
      expect(await page.getByTestId('export-run').isDisabled()).toBe(true);
      await shoot(page, 'exports-totara-blocked');
      await page.getByTestId('export-open-settings').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lms-settings');
      await shoot(page, 'settings-lms');
    } finally {
      preview.started.services.settings.set({ lms });
    }
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('checks a certificate by its number on the Exports tab', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const problems = await watchProblems(page);
    await openExports(page);
    const number = certificateNumber(IDS.adaPass);
    await page.getByLabel('Certificate number, as printed on it').fill(number.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.getByTestId('lookup-found').textContent()).toContain('Ada Lovelace');
    const found = (await page.getByTestId('lookup-found').textContent()) ?? '';
    expect(found).toContain('Teaching staff at Hayle Academy');
    expect(found).toContain('Valid: the current completion, until 1 October 2027.');
    await shoot(page, 'exports-lookup');
    await page.getByLabel('Certificate number, as printed on it').fill('12345-ABCDE-Z');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.getByTestId('lookup-problem').textContent()).toContain('not a certificate number');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('the Exports screen with axe-core', () => {
  it('has no violations before, during the choice of a package, and after an export', async () => {
    const ctx = await browser.newContext({ bypassCSP: true, acceptDownloads: true }); // axe is injected as a script
    const page = await ctx.newPage();
    const axe = (): Promise<string[]> => axeViolations(page, { rules: 'all' });
    await openExports(page);
    expect(await axe(), 'the form').toEqual([]);
    await page.getByLabel('SCORM 1.2 course package').check();
    await expect.poll(() => page.getByTestId('package-options').isVisible()).toBe(true);
    expect(await axe(), 'package options').toEqual([]);
    await page.getByLabel('Results (CSV)').check();
    await page.getByTestId('export-run').click();
    await expect.poll(() => page.getByTestId('export-downloads').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByRole('progressbar').getAttribute('max')).toBe('3');
    expect(await axe(), 'progress and download').toEqual([]);
    await ctx.close();
  });
});
