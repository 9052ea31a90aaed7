import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { PREVIEW_ADMIN_PASSWORD, startPreview } from '../helpers/preview';
import { responseFor } from '../services/compliance/answers';
import { at, axe, bundle, openPage, passedOn, signIn } from '../services/compliance/browser-steps';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the compliance cycle in Chromium, 14 days after a pass', () => {
  it('at day 14: re-acknowledges a new policy version and takes the retrieval check, then asks for a new account', async () => {
    const preview = await startPreview({ now: at('2026-10-01') });
    const problems: string[] = [];
    try {
      const { learnerId } = await passedOn(preview, '2026-10-01', 'jo@leap.example', 'account-runner');
      preview.started.services.settings.set({ policyVersionLabel: '2', policyApprovalIso: '2026-10-10' });
      preview.setNow(at('2026-10-14')); // day 13: no check yet

      let page = await openPage(browser, preview, problems);
      await signIn(page, 'jo@leap.example', 'account-runner');
      await expect.poll(() => page.locator('li[data-kind="reacknowledge"]').count()).toBe(1);
      expect(await page.locator('li[data-kind="retrieval-check"]').count()).toBe(0);
      await page.getByTestId('reacknowledge').click();
      await expect.poll(() => page.getByTestId('reminders').textContent()).toContain('acknowledgement of version 2 is recorded');
      const labels = preview.started.services.db.prepare('SELECT policy_version_label AS v FROM acknowledgements WHERE learner_id = ? ORDER BY id').all(learnerId);
      expect(labels.map((r) => (r as { v: string }).v)).toEqual(['0.1', '2']);
      await page.context().close();

      preview.setNow(at('2026-10-15')); // day 14
      page = await openPage(browser, preview, problems);
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
      await page.getByTestId('open-admin').click();
      await page.getByTestId('admin-password').fill(PREVIEW_ADMIN_PASSWORD);
      await page.getByTestId('admin-unlock').click();
      await page.getByRole('button', { name: 'New-account requests' }).click();
      const table = page.getByTestId('requests-table');
      await expect.poll(() => table.textContent()).toContain('Sam Taylor');
      await table.getByRole('button', { name: /Open/ }).click();
      await expect.poll(() => page.getByTestId('request-document').textContent()).toContain('Mr Jones posts; Ms Patel checks every post.');
      await page.getByRole('button', { name: 'Rules staff find hard' }).click();
      const counts = page.getByTestId('clause-counts');
      await counts.waitFor();
      const firstRow = await counts.locator('tbody tr').first().locator('td').allTextContents();
      expect(firstRow[2]).toBe('1'); // a clause of the one wrong answer comes first
      expect(await axe(page)).toEqual([]);

      // The training cycle: the administrator moves the due days; main keeps the new value.
      await page.getByRole('button', { name: 'Training cycle' }).click();
      await page.locator('#cycle-dueDays').fill('0');
      await page.getByTestId('cycle-save').click();
      await expect.poll(() => page.locator('[data-testid="cycle-settings"] [role="alert"]').textContent()).toContain('Days to complete the induction');
      await page.locator('#cycle-dueDays').fill('21');
      await page.getByTestId('cycle-save').click();
      await expect.poll(() => preview.started.services.settings.get().dueDays).toBe(21);
      expect(await axe(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await preview.stop();
    }
  });
});
