import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { watchProblems } from '../helpers/browser';
import { shoot } from '../helpers/screenshots';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { SMALL_TRUST, useChromiumAndPreview } from '../helpers/chromium-preview';
import { withRawRecordsDb } from '@tests/helpers/records-db';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview(SMALL_TRUST, (started) => ({ browser, preview } = started));

async function openPerson(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `${name}: show attempts` }).click();
  await expect.poll(() => page.getByTestId('person').isVisible()).toBe(true);
}

const learnerIdOf = (name: string): string =>
  (preview.started.services.db.prepare('SELECT id FROM learners WHERE name = ?').get(name) as { id: string }).id;

describe('the person page: reset a PIN, erase a person', () => {
  it('resets a locked PIN from the person page, and erases a person only once their name is typed back', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems = await watchProblems(page);
    await page.goto(preview.server.url);
    await page.getByTestId('open-admin').click();
    await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
    await page.getByLabel('Administrator password').press('Enter');
    await expect.poll(() => page.getByTestId('total-staff').textContent(), { timeout: 20_000 }).toBe('4');

    // Dan locked his PIN: the administrator gives him a new one.
    const dan = learnerIdOf('Dan Expiring');
    withRawRecordsDb(preview.started.services.dataDir, (db) => db.prepare("UPDATE learners SET pin_failures = 5, pin_locked_until = '2026-11-27T12:05:00.000Z' WHERE id = ?").run(dan));
    await openPerson(page, 'Dan Expiring');
    await page.getByRole('button', { name: 'Reset PIN…' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reset-pin');
    await page.getByLabel('New PIN', { exact: true }).fill('4821');
    await page.getByLabel('Type the new PIN again').fill('4821');
    await page.getByRole('button', { name: 'Reset PIN', exact: true }).click();
    await expect.poll(() => page.locator('#person-action-error').textContent()).toContain('6 to 8 digits');
    await page.getByLabel('New PIN', { exact: true }).fill('482193');
    await page.getByLabel('Type the new PIN again').fill('482193');
    await shoot(page, 'person-reset-pin');
    await page.getByRole('button', { name: 'Reset PIN', exact: true }).click();
    await expect.poll(() => page.getByTestId('person-actions').getByRole('status').textContent()).toContain('PIN is reset');
    const row = preview.started.services.db.prepare('SELECT pin_failures, pin_locked_until FROM learners WHERE id = ?').get(dan);
    expect(row).toEqual({ pin_failures: 0, pin_locked_until: null });
    expect((await preview.started.services.records.store.pins.check(dan, '482193')).id).toBe(dan);
    const audit = preview.started.services.db.prepare("SELECT actor FROM audit_log WHERE action = 'learner.pin-reset'").all();
    expect(audit).toEqual([{ actor: 'admin' }]);

    // Finn is to be erased: the confirmation names what goes, and a wrong name erases nothing.
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await openPerson(page, 'Finn Started');
    await page.getByRole('button', { name: 'Erase this person…' }).click();
    const form = page.locator('#erase-form');
    expect(await form.textContent()).toMatch(/Erase Finn Started from this PC’s records[\s\S]*attempt[\s\S]*acknowledgement[\s\S]*audit log[\s\S]*within 7 days/);
    await shoot(page, 'person-erase-confirm');
    await page.getByLabel(/Type their name to confirm/).fill('Dan Expiring');
    await page.getByRole('button', { name: 'Erase Finn Started' }).click();
    await expect.poll(() => page.locator('#person-action-error').textContent()).toContain('not the name of the person');
    expect(preview.started.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE name = 'Finn Started'").get()).toEqual({ n: 1 });
    await page.getByLabel(/Type their name to confirm/).fill('finn started');
    await page.getByRole('button', { name: 'Erase Finn Started' }).click();
    await expect.poll(() => page.getByTestId('erased-note').textContent()).toContain('Finn Started is erased');
    await expect.poll(() => page.getByTestId('total-staff').textContent()).toBe('3');
    expect(await page.getByTestId('people').textContent()).not.toContain('Finn');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('erased-note');
    await shoot(page, 'person-erased');
    expect(preview.started.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE name = 'Finn Started'").get()).toEqual({ n: 0 });
    expect(problems).toEqual([]);
  });
});
