import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionBundle } from '../helpers/edition-bundle';
import { launchChromium } from '../helpers/browser';
import { PREVIEW_ADMIN_PASSWORD, startPreview } from '../helpers/preview';
import { responseFor } from '../services/compliance/answers';
import { at, axe, openPage, passedOn, signIn } from '../services/compliance/browser-steps';

// Issue 18 item 3 in Chromium against the preview: Sam completed the course on edition 0.1; the
// app is then updated with content that carries edition 1.0 (tests/fixtures/policy/edition-1.0.txt
// adopted in a copy: three rules reworded, two new). Sam takes the short update, not the course.
const edition = editionBundle();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Plays the open update as someone who reads it: every screen, each question answered `right`. */
async function takeUpdate(page: Page, seen: { screens: string[]; questions: string[] }): Promise<void> {
  const step = page.getByTestId('step');
  for (let guard = 0; guard < 60; guard++) {
    if ((await page.getByTestId('what-changed-done').count()) > 0) return;
    await step.waitFor();
    const phase = await step.getAttribute('data-phase');
    const id = (await step.getAttribute('data-step')) ?? '';
    const before = `${phase}|${id}|${await page.getByTestId('step-heading').textContent()}`;
    if (phase === 'screen') {
      seen.screens.push(id);
      await page.getByTestId('next').click();
    } else if (phase === 'question') {
      seen.questions.push(id);
      const key = edition.answerKey[id];
      if (!key) throw new Error(`no answer key for ${id}`);
      const radio = page.locator('form.question input[type=radio]').first();
      if ((await radio.count()) > 0) {
        const depth = Number(/-(\d+)$/.exec((await radio.getAttribute('name')) ?? '')?.[1] ?? 0);
        const value = key.kind === 'branching' ? (responseFor(key, true).split(',')[depth]?.split('.')[1] ?? '') : responseFor(key, true);
        await page.locator(`form.question input[type=radio][value="${value}"]`).check();
      } else if (key.kind === 'sort') {
        for (const [card, group] of Object.entries(key.correct)) await page.selectOption(`#q-${id}-0-${card}`, group);
      }
      await page.locator('form.question button[type=submit]').click();
    } else if (phase === 'acknowledge') {
      await page.locator('form.acknowledge input[type=checkbox]').check();
      await page.locator('form.acknowledge button[type=submit]').click();
      await page.getByTestId('what-changed-done').waitFor();
      return;
    } else {
      await page.getByTestId('next').click();
    }
    await expect.poll(async () => ((await page.getByTestId('what-changed-done').count()) > 0 ? 'done' : `${await step.getAttribute('data-phase')}|${await step.getAttribute('data-step')}|${await page.getByTestId('step-heading').textContent()}`)).not.toBe(before);
  }
  throw new Error('the update did not finish');
}

describe('"What changed" in Chromium', () => {
  it('a member of staff who completed edition 0.1 reads what changed, answers, acknowledges 1.0, and their completion stands', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'policy-update-'));
    const problems: string[] = [];
    try {
      const old = await startPreview({ now: at('2025-07-15'), dataDir });
      const { learnerId } = await passedOn(old, '2025-07-20', 'sam@leap.example');
      await old.stop();

      const preview = await startPreview({ now: at('2025-07-28'), dataDir, bundle: edition });
      try {
        const page = await openPage(browser, preview, problems);
        await signIn(page, 'sam@leap.example');
        const reminder = page.locator('[data-testid="reminders"] li[data-kind="what-changed"]');
        await expect.poll(() => reminder.textContent()).toContain('a new version, 1.0, approved July 2025: 3 rules changed and 2 are new');
        expect(await page.getByTestId('reacknowledge').count()).toBe(0);
        expect(await page.locator('[data-module="assessment"] .status').getAttribute('data-status')).toBe('passed');
        expect(await axe(page)).toEqual([]);

        await reminder.getByTestId('open-what-changed').click();
        await page.getByTestId('step').waitFor();
        expect(await page.getByTestId('step-heading').textContent()).toBe('What changed');
        expect(await page.locator('#lesson-title').textContent()).toBe('Social Media Policy, version 1.0');
        expect(await page.getByTestId('step').textContent()).toContain('Your completion of 20 July 2025 stands');
        expect(await axe(page)).toEqual([]);
        await page.getByTestId('next').click();
        // The first rule: in plain words, then in the policy's own new words.
        await expect.poll(() => page.getByTestId('step-heading').textContent()).toBe('Changed: Reputation');
        const rule = page.getByTestId('step');
        expect(await rule.locator('.screen p').first().textContent()).toBe('Get consent before using any photo or video, following the data protection policy of your school.');
        expect(await rule.locator('blockquote').textContent()).toContain('in line with the Trust’s Data Protection policy');
        expect(await axe(page)).toEqual([]);

        const seen = { screens: [] as string[], questions: [] as string[] };
        await takeUpdate(page, seen);
        expect(seen.screens).toEqual(['update-rule-1', 'update-rule-2', 'update-rule-3', 'update-rule-4', 'update-rule-5']);
        expect(seen.questions.length).toBeGreaterThan(0);
        const done = await page.getByTestId('what-changed-done').textContent();
        expect(done).toContain('Your acknowledgement of version 1.0 is recorded.');
        expect(done).toContain('Your completion of 20 July 2025 stands.');
        expect(await axe(page)).toEqual([]);

        // Main's record: both acknowledgements on the same pass, the pass and its expiry unchanged.
        const acks = preview.started.services.db.prepare('SELECT policy_version_label AS v FROM acknowledgements WHERE learner_id = ? ORDER BY id').all(learnerId) as { v: string }[];
        expect(acks.map((a) => a.v)).toEqual(['0.1', '1.0']);
        expect(preview.started.services.compliance.compliance(learnerId).courses[0]).toMatchObject({ state: 'complete', passedOn: '2025-07-20', expiresOn: '2026-07-20', acknowledgedVersion: '1.0' });

        await page.getByTestId('what-changed-back').click();
        await expect.poll(() => page.getByTestId('reminders-none').count()).toBe(1);
        // The edition's own approval date, as the home page and the policy page give it.
        expect(await page.getByTestId('reminders').textContent()).toContain('Policy version 1.0, approved July 2025.');

        // A new starter gets no update: the course itself, acknowledging 1.0 at its end.
        await page.getByTestId('sign-out').click();
        await signIn(page, 'new.starter@leap.example', 'teaching', true);
        expect(await page.locator('[data-testid="reminders"] li[data-kind="what-changed"]').count()).toBe(0);
        expect(await page.locator('[data-module="assessment"] .status').getAttribute('data-status')).toBe('not-started');

        // HR sees who has acknowledged the new edition.
        await page.getByTestId('sign-out').click();
        await page.getByTestId('open-admin').click();
        await page.getByTestId('admin-password').fill(PREVIEW_ADMIN_PASSWORD);
        await page.getByTestId('admin-unlock').click();
        await expect.poll(() => page.getByTestId('total-acknowledged').textContent()).toBe('1');
        expect(await page.getByTestId('totals').textContent()).toContain('Acknowledged version 1.0');
        await page.selectOption('#f-state', 'acknowledged-current');
        await page.getByTestId('apply-filters').click();
        await expect.poll(() => page.getByTestId('people').locator('tbody tr').count()).toBe(1);
        expect(await page.getByTestId('people').locator('tbody tr').first().textContent()).toContain('1.0');
        expect(await axe(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await preview.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
