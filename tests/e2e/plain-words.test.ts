import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { SMALL_TRUST, useChromiumAndPreview } from '../helpers/chromium-preview';
import { testBundle } from '../helpers/bundle';
import { idTokens, leaks, readableText, type Scan } from '../helpers/plain-words';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { FORMAT_INFO } from '@services/exports/formats/info';

// Issue 14 item 2: every staff and admin screen state, walked in Chromium against the preview,
// read as a person reads it; no content id and no developer word (tests/helpers/plain-words.ts
// says which and why) may show.
let browser: Browser;
let preview: Preview;
const ids = idTokens(testBundle());
// The export formats HR picks are named as their LMS names them ("xAPI statements (JSON)").
const FORMAT_NAMES = Object.values(FORMAT_INFO).map((f) => f.label);
// Where IT sets the LMS address and the LRS, the format's name is what IT is told to look for.
const SETTINGS: Scan = { allowTexts: FORMAT_NAMES, allowWords: ['xAPI'] };
// A refused xAPI export names the format the administrator just picked.
const EXPORTS: Scan = { allowTexts: FORMAT_NAMES, allowWords: ['xAPI'] };

useChromiumAndPreview(SMALL_TRUST, (started) => ({ browser, preview } = started));

function scanner(page: Page) {
  const found: string[] = [];
  const seen: string[] = [];
  const scan = async (state: string, options: Scan = {}): Promise<void> => {
    seen.push(state);
    for (const leak of leaks(await readableText(page), ids, options)) found.push(`${state}: ${leak}`);
  };
  return { scan, found, seen };
}

describe('plain words on every staff and admin screen', () => {
  it('a member of staff: home, guide, policy, sign-in refused, catalogue, a lesson of every screen kind, a failed and a passed assessment', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.clock.install();
    await page.goto(preview.server.url);
    const { scan, found, seen } = scanner(page);
    await page.getByTestId('policy-version').waitFor();
    await scan('home');
    await page.getByTestId('who-to-tell').click();
    await page.locator('#wtt-title').waitFor();
    await scan('who to tell');
    await page.getByTestId('close-who').click();
    await page.getByTestId('read-policy').click();
    await page.locator('.clause').first().waitFor();
    await scan('policy');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByTestId('go-sign-in').click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-problems').waitFor();
    await scan('sign-in refused');
    await page.getByRole('button', { name: 'Back' }).click();

    const course = staffCourse();
    await signInStaff(page, { name: 'Wren Plain', email: 'wren@school.example', school: 'Hayle Academy', role: 'account-runner', pin: '135759' });
    await page.locator('.module-card').first().waitFor();
    await scan('catalogue');
    const kinds = new Set(course.modules.flatMap((m) => m.screens.map((s) => s.kind)));
    const path = course.roles?.['account-runner']?.modules ?? [];
    const lesson = course.modules.find((m) => path.includes(m.id) && [...kinds].every((k) => m.screens.some((s) => s.kind === k)));
    if (!lesson) throw new Error('no staff lesson shows every screen kind');
    const states = new Set<string>();
    const onState = async (phase: string, stepId: string): Promise<void> => {
      states.add(phase);
      await scan(`${lesson.id} ${phase} ${stepId}`);
    };
    await page.getByTestId(`open-${lesson.id}`).click();
    // Wrong first: the knowledge checks' feedback for a wrong answer is read too.
    await playLesson(page, { course, pick: () => 'wrong', onState });
    await page.getByTestId('back-to-modules').click();
    await page.getByTestId('open-assessment').click();
    const onAssessment = async (phase: string, stepId: string): Promise<void> => {
      states.add(`assessment ${phase}`);
      await scan(`assessment ${phase} ${stepId}`);
    };
    await playLesson(page, { course, pick: () => 'wrong', onState: onAssessment });
    await page.getByTestId('back-to-modules').click();
    await page.locator('.module-card').first().waitFor();
    await scan('catalogue after a fail');
    await page.getByTestId('open-assessment').click();
    await playLesson(page, { course, pick: () => 'right', onState: onAssessment });
    await page.getByTestId('back-to-modules').click();
    await page.locator('.module-card').first().waitFor();
    await scan('catalogue after a pass');
    expect([...states]).toEqual(expect.arrayContaining(['screen', 'question', 'feedback', 'done', 'assessment question', 'assessment result', 'assessment acknowledge', 'assessment done']));
    expect(seen.length).toBeGreaterThan(20);
    // Signed out: while a learner is signed in, main keeps the admin area shut.
    await page.getByTestId('sign-out').click();
    await page.getByTestId('go-sign-in').waitFor();
    expect(found).toEqual([]);
    await page.close();
  }, 300_000);

  it('the administrator: sign-in refused, every tab, a person, an export, a refused save and the version question', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(preview.server.url);
    const { scan, found } = scanner(page);
    await page.getByTestId('open-admin').click();
    await page.getByLabel('Administrator password').fill('not the password at all');
    await page.getByLabel('Administrator password').press('Enter');
    await page.locator('.form-error, [role="alert"]').first().waitFor();
    await scan('admin sign-in refused');
    await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
    await page.getByLabel('Administrator password').press('Enter');
    // The figures, not the empty tile the dashboard shows while main counts them.
    await expect.poll(() => page.getByTestId('total-staff').textContent(), { timeout: 60_000 }).toMatch(/^\d+$/);
    await scan('dashboard');
    await page.getByRole('button', { name: 'Ada Complete: show attempts' }).click();
    await page.getByTestId('person').waitFor();
    await scan('dashboard, a person');
    for (const tab of ['Pupil lessons (teacher view)', 'Password', 'New-account requests', 'Rules staff find hard', 'Training cycle']) {
      await page.getByRole('button', { name: tab, exact: true }).click();
      await page.locator('.admin-panel h2').first().waitFor();
      await scan(tab);
    }
    await page.getByRole('button', { name: 'Exports', exact: true }).click();
    await page.getByTestId('export-run').waitFor();
    await scan('exports', EXPORTS);
    for (const format of ['totara', 'xapi', 'scorm2004']) {
      await page.locator(`#export-format-${format}`).check();
      await scan(`exports: ${format} chosen`, EXPORTS);
    }
    await page.locator('#export-format-csv').check();
    await page.getByTestId('export-run').click();
    // The export's own outcome: /Done|row/ over the whole tab matched "browser" in its hint at once,
    // so the walk went on to Settings while the export was still running.
    await expect.poll(() => page.getByTestId('export-outcome').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('export-outcome').innerText()).toMatch(/^Done: \d+ rows?\./);
    await scan('exports: a CSV made', EXPORTS);

    await page.getByRole('button', { name: 'Settings and other PCs', exact: true }).click();
    await page.locator('#s-version').waitFor();
    await scan('settings', SETTINGS);
    await page.locator('#s-idle').fill('0');
    await page.locator('#s-home').fill('ftp://lms');
    await page.getByTestId('add-contacts').click();
    await page.locator('#c-school-0').fill('Hayle Academy');
    await page.locator('#c-dsl-name-0').fill('Jo Penrose');
    await page.locator('#c-dsl-phone-0').fill('office');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#settings-error').waitFor();
    await scan('settings refused', SETTINGS);
    await page.locator('#s-idle').fill('10');
    await page.locator('#s-home').fill('');
    await page.locator('#c-dsl-phone-0').fill('01736 750000');
    await page.locator('#s-version').fill('2.0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('version-confirm').waitFor();
    await scan('settings: the version question', SETTINGS);
    await page.getByTestId('version-confirm-no').click();
    expect(found).toEqual([]);
    await page.close();
  }, 180_000);

  it('fails on an id or a developer word on a screen (the scanner itself)', async () => {
    const page = await browser.newPage();
    await page.goto(preview.server.url);
    await page.getByTestId('policy-version').waitFor();
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Sections to review: contact.report-pupil-messages, pupil-use. Main answered in 5.2 ms; the scrypt hash of each SCO.';
      document.querySelector('#main')?.append(p);
    });
    const found = leaks(await readableText(page), ids);
    for (const bit of ['id "contact.report-pupil-messages"', '"5.2 ms"', '"scrypt"', '"hash"', '"SCO"']) expect(found.join('\n')).toContain(bit);
    await page.close();
  });
});
