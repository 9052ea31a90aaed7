/** Shared steps of the lifecycle end-to-end suites (tests/e2e/lifecycle*.test.ts). */
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Channel, ReplyOf, RequestOf } from '@contract';
import type { Preview } from '@tests/helpers/preview';
import { axeViolations } from '@tests/lesson/axe';
import { testBundle } from '@tests/helpers/bundle';
import { answeredCmi, responseFor } from './answers';
import { sendHonestly } from '@tests/helpers/honest';
import { think } from '@tests/lesson/browser-driver';

export const bundle = testBundle();
export const COURSE = 'staff-induction';
const PIN = '482193';
export const at = (iso: string): Date => new Date(`${iso}T09:00:00Z`);

/** The real dispatcher, as main answers the renderer. */
export async function ok<C extends Channel>(preview: Preview, channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const r = await preview.started.dispatch(channel, request, { transport: 'ipc' });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as ReplyOf<C>;
}

/** A staff member who passed the assessment (and acknowledged) on `date`, signed out again. */
export async function passedOn(preview: Preview, date: string, email: string, role: 'teaching' | 'account-runner' = 'teaching'): Promise<{ learnerId: string; drawn: string[] }> {
  preview.setNow(at(date));
  const { learnerId } = await ok(preview, 'learners.signIn', { name: 'Sam Taylor', workEmail: email, school: 'Hayle Academy', role, pin: PIN });
  const start = await ok(preview, 'attempts.start', { learnerId, courseId: COURSE, moduleId: 'assessment' });
  let t = new Date(at(date).getTime() + 60_000);
  // The preview's clock, moved as the learner reads each question (main times every answer).
  const now = {
    get value(): Date {
      return t;
    },
    set value(d: Date) {
      t = d;
      preview.setNow(d);
    },
  };
  now.value = t;
  const done = await sendHonestly((channel, request) => ok(preview, channel, request), now, start.attemptId, 1, answeredCmi(bundle, start.drawnItemIds, start.drawnItemIds.length));
  expect(done.verdict.status).toBe('passed');
  await ok(preview, 'acknowledgements.record', { learnerId, courseId: COURSE, attemptId: start.attemptId });
  await ok(preview, 'learners.signOut', {});
  return { learnerId, drawn: start.drawnItemIds };
}

export async function openPage(browser: Browser, preview: Preview, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(preview.server.url);
  return page;
}

/** Signs in through the form: `firstTime` chooses a PIN (typed twice), otherwise the PIN set earlier. */
export async function signIn(page: Page, email: string, role = 'teaching', firstTime = false): Promise<void> {
  await page.getByTestId('go-sign-in').click();
  await page.fill('#si-name', 'Sam Taylor');
  await page.fill('#si-email', email);
  await page.fill('#si-school', 'Hayle Academy');
  await page.selectOption('#si-role', role);
  await page.locator(`input[name="first"][value="${firstTime ? 'yes' : 'no'}"]`).check();
  await page.fill('#si-pin', PIN);
  if (firstTime) await page.fill('#si-pin-again', PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('reminders').waitFor();
}

/** axe-core's WCAG 2.x A/AA rules on the current screen (its own context, since axe is injected). */
export async function axe(page: Page): Promise<string[]> {
  return axeViolations(page);
}

/** Answers every question of the open lesson the way a learner who knows the policy would. */
export async function takeLesson(page: Page): Promise<void> {
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
      // A human pace by main's clock: an answer given under a second after its question is not counted.
      await think(page, 1_100);
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

