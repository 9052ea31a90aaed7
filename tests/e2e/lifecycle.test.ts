import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { Channel, ReplyOf, RequestOf } from '../../electron/contract';
import { launchChromium } from '../helpers/browser';
import { PREVIEW_ADMIN_PASSWORD, startPreview, type Preview } from '../helpers/preview';
import { testBundle } from '../helpers/bundle';
import { answeredCmi, responseFor } from '../services/compliance/answers';

const bundle = testBundle();
const COURSE = 'staff-induction';
const PIN = '4821';
const at = (iso: string): Date => new Date(`${iso}T09:00:00Z`);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The real dispatcher, as main answers the renderer. */
async function ok<C extends Channel>(preview: Preview, channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const r = await preview.started.dispatch(channel, request, { transport: 'ipc' });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as ReplyOf<C>;
}

/** A staff member who passed the assessment (and acknowledged) on `date`, signed out again. */
async function passedOn(preview: Preview, date: string, email: string, role: 'teaching' | 'account-runner' = 'teaching'): Promise<{ learnerId: string; drawn: string[] }> {
  preview.setNow(at(date));
  const { learnerId } = await ok(preview, 'learners.signIn', { name: 'Sam Taylor', workEmail: email, school: 'Hayle Academy', role, pin: PIN });
  const start = await ok(preview, 'attempts.start', { learnerId, courseId: COURSE, moduleId: 'assessment' });
  preview.setNow(new Date(at(date).getTime() + 15 * 60_000));
  const done = await ok(preview, 'attempts.finish', { attemptId: start.attemptId, seq: 1, cmi: answeredCmi(bundle, start.drawnItemIds, start.drawnItemIds.length) });
  expect(done.verdict.status).toBe('passed');
  await ok(preview, 'acknowledgements.record', { learnerId, courseId: COURSE, attemptId: start.attemptId });
  await ok(preview, 'learners.signOut', {});
  return { learnerId, drawn: start.drawnItemIds };
}

async function openPage(preview: Preview, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(preview.server.url);
  return page;
}

async function signIn(page: Page, email: string, role = 'teaching'): Promise<void> {
  await page.getByTestId('go-sign-in').click();
  await page.fill('#si-name', 'Sam Taylor');
  await page.fill('#si-email', email);
  await page.fill('#si-school', 'Hayle Academy');
  await page.selectOption('#si-role', role);
  await page.fill('#si-pin', PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('reminders').waitFor();
}

/** axe-core's WCAG 2.x A/AA rules on the current screen (its own context, since axe is injected). */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Answers every question of the open lesson the way a learner who knows the policy would. */
async function takeLesson(page: Page): Promise<void> {
  const step = page.getByTestId('step');
  const signature = async (): Promise<string> =>
    `${await step.getAttribute('data-phase')}|${await step.getAttribute('data-step')}|${await page.getByTestId('step-heading').textContent()}|${(await page.locator('form.question legend').allTextContents()).join('/')}`;
  for (let guard = 0; guard < 300; guard++) {
    await step.waitFor();
    const before = await signature();
    const phase = await step.getAttribute('data-phase');
    if (phase === 'done') return;
    if (phase === 'question') {
      const radio = page.locator('form.question input[type=radio]').first();
      if ((await radio.count()) > 0) {
        const [, itemId, depth] = /^q-(.+)-(\d+)$/.exec((await radio.getAttribute('name')) ?? '') ?? [];
        const key = bundle.answerKey[itemId ?? ''];
        if (!key) throw new Error(`no answer key for the item on screen (${itemId})`);
        const value = key.kind === 'branching' ? (responseFor(key, true).split(',')[Number(depth)]?.split('.')[1] ?? '') : responseFor(key, true);
        await page.locator(`form.question input[type=radio][value="${value}"]`).check();
      } else {
        let placed = false;
        for (const k of Object.values(bundle.answerKey)) {
          if (k.kind !== 'sort') continue;
          const cards = Object.entries(k.correct);
          if ((await page.locator(`#q-${k.itemId}-0-${cards[0]?.[0] ?? ''}`).count()) === 0) continue;
          for (const [card, group] of cards) await page.selectOption(`#q-${k.itemId}-0-${card}`, group);
          placed = true;
        }
        if (!placed) throw new Error('a question on screen that is neither a choice nor a known sort item');
      }
      // A human pace: main marks answers given in under a second as implausible (records verdict).
      await page.waitForTimeout(1_100);
      await page.locator('form.question button[type=submit]').click();
    } else if (phase === 'acknowledge') {
      await page.locator('form.acknowledge input[type=checkbox]').check();
      await page.locator('form.acknowledge button[type=submit]').click();
    } else {
      await page.getByTestId('next').click();
    }
    await expect.poll(signature, { timeout: 10_000 }).not.toBe(before);
  }
  throw new Error('the lesson did not finish');
}

describe('the compliance cycle in Chromium', () => {
  it('a staff member whose pass has expired takes the refresher and is complete again', async () => {
    const preview = await startPreview({ now: at('2025-09-01') });
    const problems: string[] = [];
    try {
      const first = await passedOn(preview, '2025-09-10', 'sam@leap.example');
      preview.setNow(at('2026-10-20')); // the pass expired on 2026-09-10

      const page = await openPage(preview, problems);
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

  it('at day 14: re-acknowledges a new policy version and takes the retrieval check, then asks for a new account', async () => {
    const preview = await startPreview({ now: at('2026-10-01') });
    const problems: string[] = [];
    try {
      const { learnerId } = await passedOn(preview, '2026-10-01', 'jo@leap.example', 'account-runner');
      preview.started.services.settings.set({ policyVersionLabel: '2', policyApprovalIso: '2026-10-10' });
      preview.setNow(at('2026-10-14')); // day 13: no check yet

      let page = await openPage(preview, problems);
      await signIn(page, 'jo@leap.example', 'account-runner');
      await expect.poll(() => page.locator('li[data-kind="reacknowledge"]').count()).toBe(1);
      expect(await page.locator('li[data-kind="retrieval-check"]').count()).toBe(0);
      await page.getByTestId('reacknowledge').click();
      await expect.poll(() => page.getByTestId('reminders').textContent()).toContain('acknowledgement of version 2 is recorded');
      const labels = preview.started.services.db.prepare('SELECT policy_version_label AS v FROM acknowledgements WHERE learner_id = ? ORDER BY id').all(learnerId);
      expect(labels.map((r) => (r as { v: string }).v)).toEqual(['0.1', '2']);
      await page.context().close();

      preview.setNow(at('2026-10-15')); // day 14
      page = await openPage(preview, problems);
      await signIn(page, 'jo@leap.example', 'account-runner');
      await expect.poll(() => page.locator('li[data-kind="retrieval-check"]').count()).toBe(1);
      expect(await axe(page)).toEqual([]);
      await page.getByTestId('retrieval-start').click();
      await page.locator('fieldset.check-item').first().waitFor();
      const items = page.locator('fieldset.check-item');
      const n = await items.count();
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
      await page.getByTestId('check-submit').click(); // nothing chosen: told, not scored
      await expect.poll(() => page.locator('.check-error').textContent()).toContain(`the ${n} questions still open`);
      for (let i = 0; i < n; i++) {
        const itemId = (await items.nth(i).getAttribute('data-item')) ?? '';
        const key = bundle.answerKey[itemId];
        if (!key) throw new Error(`no key for ${itemId}`);
        await page.check(`#${itemId}-${responseFor(key, i > 0)}`);
      }
      expect(await axe(page)).toEqual([]);
      await page.getByTestId('check-submit').click();
      await expect.poll(() => page.locator('#check-summary').textContent()).toContain(`You got ${n - 1} of ${n} right`);
      expect(await page.locator('.check-feedback[data-correct="false"]').count()).toBe(1);
      expect(preview.started.services.compliance.compliance(learnerId).courses[0]).toMatchObject({ passedOn: '2026-10-01', state: 'complete' });
      expect(preview.started.services.compliance.clauseCounts().checks).toBe(1);
      await page.getByTestId('check-back').click();
      await page.getByTestId('reminders').waitFor();
      await expect.poll(() => page.getByTestId('reminders-none').count()).toBe(1);

      // The new-account request: refused box by box, then saved as its document.
      await page.getByTestId('open-request').click();
      await page.getByTestId('policy-rules').locator('[data-clause="new-accounts.rationale"]').waitFor();
      await page.getByTestId('request-save').click();
      await expect.poll(() => page.locator('[data-error-for]').count()).toBe(4);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-error-summary');
      await page.fill('#request-aim', 'Share fixtures and results for the football team.');
      await page.fill('#request-audience', 'Parents and carers of the players.');
      await page.fill('#request-runners', 'Mr Jones posts; Ms Patel checks every post.');
      await page.getByTestId('request-save').click();
      await expect.poll(() => page.locator('[data-error-for]').evaluateAll((els) => els.map((e) => e.getAttribute('data-error-for')))).toEqual(['promotion']);
      expect(await page.locator('#request-promotion').getAttribute('aria-invalid')).toBe('true');
      expect(await axe(page)).toEqual([]);
      await page.fill('#request-promotion', 'The weekly newsletter.');
      await page.getByTestId('request-save').click();
      await page.getByTestId('request-document').waitFor();
      expect(await page.getByTestId('request-document').textContent()).toContain('The weekly newsletter.');
      const download = page.waitForEvent('download');
      await page.getByTestId('request-text').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^new-account-request-2026-10-15-hayle-academy\.txt$/);
      const pdf = page.waitForEvent('download');
      await page.getByTestId('request-pdf').click();
      expect((await pdf).suggestedFilename()).toBe('new-account-request-2026-10-15-hayle-academy.pdf');

      // The administrator sees the request and, as counts only, the rule the check found hard.
      await page.getByTestId('sign-out').click();
      await page.getByTestId('go-admin').click();
      await page.getByTestId('admin-password').fill(PREVIEW_ADMIN_PASSWORD);
      await page.getByTestId('admin-unlock').click();
      await page.getByRole('button', { name: 'New-account requests' }).click();
      const table = page.getByTestId('requests-table');
      await expect.poll(() => table.textContent()).toContain('Sam Taylor');
      await table.getByRole('button', { name: /Open/ }).click();
      await expect.poll(() => page.getByTestId('request-document').textContent()).toContain('Mr Jones posts; Ms Patel checks every post.');
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByRole('button', { name: 'Rules staff find hard' }).click();
      const counts = page.getByTestId('clause-counts');
      await counts.waitFor();
      const firstRow = await counts.locator('tbody tr').first().locator('td').allTextContents();
      expect(firstRow[2]).toBe('1'); // a clause of the one wrong answer comes first
      expect(await axe(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await preview.stop();
    }
  });
});
