import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchProblems } from '../helpers/browser';
import { PREVIEW_ADMIN_PASSWORD, startPreview, type Preview } from '../helpers/preview';
import { startLrs, type TestLrs } from '../helpers/lrs';
import { startAll, stopAll } from '../helpers/chromium-preview';
import { seedStaffAttempts } from '../bench/seed';
import { harness, removeDir, tempDir } from '../services/records/helpers';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const NOW = new Date('2026-11-27T10:00:00Z');
let browser: Browser;
let preview: Preview;
let lrs: TestLrs;
let work: string;
let schoolFile: string;
let damagedFile: string;
let sourcePc = '';
let staffInFile = 0;
/** A person in the file whose id is a pupil's on the HR PC: listed as not imported, never merged. */
let clash = '';

beforeAll(async () => {
  work = tempDir('admin-lrs-e2e-');
  // A school PC's records, as a Trust records file (and a copy changed after export).
  const school = harness({ now: NOW });
  try {
    withRawRecordsDb(school.services.dataDir, (db) => seedStaffAttempts(db, school.bundle, NOW, 30, 'e2e-lrs', '0.1'));
    schoolFile = path.join(work, 'staffroom-pc.records');
    await school.services.exports.run({ format: 'records' }, schoolFile, 'admin');
    staffInFile = (school.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'").get() as { n: number }).n;
  } finally {
    school.close();
    removeDir(school.dataDir);
  }
  sourcePc = (JSON.parse(readFileSync(schoolFile, 'utf8').split('\n')[0]!) as { sourcePc: string }).sourcePc;
  damagedFile = path.join(work, 'changed.records');
  writeFileSync(damagedFile, readFileSync(schoolFile, 'utf8').replace(/"name":"[^"]+"/, '"name":"Someone Else"'));
  [browser, preview, lrs] = await startAll(launchChromium(), startPreview({ now: NOW }), startLrs());
  // As IT's set-up would leave it: the LMS mapping, and the LRS key in a key file (the preview cannot seal one).
  const keyFile = path.join(work, 'lrs.key');
  writeFileSync(keyFile, 'hr-pc:hr-secret\n');
  preview.started.services.settings.set({ lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} }, lrs: { endpoint: null, keyFile } });
  const second = JSON.parse(readFileSync(schoolFile, 'utf8').split('\n')[1]!) as { learner: { learnerId: string; name: string } };
  clash = second.learner.name;
  withRawRecordsDb(preview.started.services.dataDir, (db) =>
    db
      .prepare(`INSERT INTO learners (id, kind, first_name, initial, class_name, band, first_sign_in_at, last_seen_at) VALUES (?, 'pupil', 'Sam', 'T', 'Oak 4', 'ks2', ?, ?)`)
      .run(second.learner.learnerId, NOW.toISOString(), NOW.toISOString()),
  );
}, 120_000);
afterAll(async () => {
  try {
    await stopAll(browser, preview, lrs);
  } finally {
    if (work) removeDir(work);
  }
});

/** Screenshots to look at (not kept): SCREENSHOTS=/tmp/dir npx vitest run tests/e2e/admin-lrs.test.ts */
async function shoot(page: Page, name: string, part: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  // 1366 and 1024 wide school PCs; 200% zoom on 1366×768 lays out as 683×384. The part of the
  // page this change added, whole, and the screen as the administrator first sees it scrolled there.
  for (const [w, h] of [[1366, 768], [1024, 768], [683, 384]] as const) {
    await page.setViewportSize({ width: w, height: h });
    const target = page.getByTestId(part).first();
    await target.screenshot({ path: `${dir}/${name}-${w}-part.png` });
    await target.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}/${name}-${w}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('button', { name: tab, exact: true }).click();
}

describe('issue 16 in the admin area, in Chromium through the preview', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    problems = await watchProblems(page);
    await page.goto(preview.server.url);
    await page.getByTestId('open-admin').click();
    await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
    await page.getByLabel('Administrator password').press('Enter');
    await page.getByTestId('admin-area').waitFor({ timeout: 20_000 });
  });
  afterAll(async () => context?.close());

  it('imports records files on the Exports tab: what was added, and a changed file refused naming it', async () => {
    await openTab(page, 'Exports');
    await page.getByTestId('records-import-files').setInputFiles([schoolFile, damagedFile]);
    await page.getByTestId('records-import-upload').click();
    const outcomes = page.getByTestId('records-outcome');
    await expect.poll(() => outcomes.count(), { timeout: 30_000 }).toBe(2);
    expect(await outcomes.nth(0).locator('h4').textContent()).toBe('staffroom-pc.records');
    expect(await outcomes.nth(0).getByTestId('records-added').textContent()).toMatch(new RegExp(`\\d+ attempts and \\d+ acknowledgements?;\\s+${staffInFile - 1} new members of staff`));
    const conflicts = outcomes.nth(0).getByTestId('records-conflicts');
    expect(await conflicts.locator('tbody tr').count()).toBe(1);
    expect(await conflicts.locator('tbody th').textContent()).toBe(clash);
    expect(await conflicts.locator('tbody').textContent()).toContain('their id belongs to a pupil on this PC');
    expect(await outcomes.nth(0).textContent()).toContain(sourcePc);
    expect(await outcomes.nth(1).getByTestId('records-problem').textContent()).toMatch(/Not imported: nothing from this file was added\. changed\.records: .*checksum does not match/);
    await shoot(page, 'exports-records-import', 'records-import');

    // The same file again: everything already here, nothing added.
    await page.getByTestId('records-import-files').setInputFiles([schoolFile]);
    await page.getByTestId('records-import-upload').click();
    await expect.poll(() => page.getByTestId('records-added').first().textContent(), { timeout: 30_000 }).toMatch(/^\s*0 attempts and 0 acknowledgements;\s+0 new members/);
    expect(await page.getByTestId('records-already').textContent()).toMatch(new RegExp(`${staffInFile - 1} members of staff matched`));
  });

  it('shows on the dashboard which PC the records came from and when, and on each person', async () => {
    await openTab(page, 'Staff dashboard');
    const origins = page.getByTestId('records-origins');
    await expect.poll(() => origins.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await origins.locator('tbody tr').count()).toBe(1);
    expect(await origins.locator('tbody th').textContent()).toBe(sourcePc);
    expect(await origins.locator('tbody td').first().textContent()).toBe(String(staffInFile - 1));
    await shoot(page, 'dashboard-origins', 'records-origins');
    await page.getByTestId('people').locator('tbody .link-button').first().click();
    await expect.poll(() => page.getByTestId('records-person-origin').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`Records brought from ${sourcePc} \\(file exported .+, imported .+\\)`));
    await shoot(page, 'person-origin', 'person');
  });

  it('turns sending on, refuses a hostile address in plain words, sends on "Send now" and shows the last success', async () => {
    await openTab(page, 'Settings and other PCs');
    const panel = page.getByTestId('lrs');
    await expect.poll(() => panel.getByTestId('lrs-status').textContent(), { timeout: 20_000 }).toMatch(/SendingOff.*Last successful sendNever/);
    await panel.getByLabel("Send finished staff attempts to the Trust's LRS").check();
    expect(await panel.getByTestId('lrs-key-kept').textContent()).toMatch(/read from the key file .*lrs\.key\. This copy of the app cannot keep a secret itself/);

    await panel.getByLabel("The LRS's xAPI address").fill('http://lrs.trust.example/xapi/');
    await panel.getByRole('button', { name: 'Save LRS settings' }).click();
    // Under the address, in a sentence, and the address field is where the keyboard is.
    await expect.poll(() => panel.getByTestId('lrs-endpoint-error').textContent()).toMatch(/^The LRS address must start with https:\/\//);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lrs-endpoint');
    expect(await panel.getByLabel("The LRS's xAPI address").getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'lrs-refused', 'lrs');

    await panel.getByLabel("The LRS's xAPI address").fill(lrs.endpoint);
    await panel.getByRole('button', { name: 'Save LRS settings' }).click();
    await expect.poll(() => panel.getByTestId('lrs-settings-notice').textContent()).toContain('This PC sends finished staff attempts');
    await expect.poll(() => panel.getByTestId('lrs-status').textContent()).toContain(`On, to ${lrs.endpoint}`);
    await panel.getByTestId('lrs-send-now').click();
    await expect.poll(() => panel.getByTestId('lrs-notice').textContent(), { timeout: 60_000 }).toMatch(/Sent \d+ attempt record\(s\) \(\d+ statements\); nothing is waiting\. \d+ attempt record\(s\) cannot be sent as they are/);
    expect(await panel.getByTestId('lrs-pending').textContent()).toBe('Nothing');
    expect(await panel.getByTestId('lrs-last-success').textContent()).not.toBe('Never');
    // People with no work email (the LMS username here) are set aside, with the reason, not lost.
    await panel.getByTestId('lrs-set-aside').locator('summary').click();
    const aside = panel.getByTestId('lrs-set-aside');
    expect(await aside.textContent()).toMatch(/no value in the field the LMS uses as the username/);
    // Whose and which module, by name: the administrator knows whose details to correct.
    expect(await aside.locator('tbody th').first().textContent()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect((await lrs.statements()).length).toBeGreaterThan(0);
    await shoot(page, 'lrs-sent', 'lrs');
    expect(problems).toEqual([]);
  });
});
