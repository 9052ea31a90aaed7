import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PREVIEW_ADMIN_PASSWORD, type Preview } from '../helpers/preview';
import { openPage, SCREENS, useChromiumAndPreview } from '../helpers/chromium-preview';
import { shoot } from '../helpers/screenshots';
import { signInStaff } from '../lesson/browser-driver';
import { axeViolations } from '../lesson/axe';

// Issue 14 item 4 in Chromium against the preview: the administrator names each school's
// safeguarding people; staff of that school see them in the guide and on lesson who-to-tell
// screens, others see the roles only.
let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

async function openGuide(page: Page): Promise<void> {
  await page.getByTestId('who-to-tell').click();
  await page.locator('#wtt-title').waitFor();
}

describe('"Who do I tell?" names people', () => {
  it('shows roles only until set; the admin area sets them (refusing a bad number by its box); the guide and the lesson name them', async () => {
    const { context, page, problems } = await openPage(browser, SCREENS.pc, { bypassCSP: true }); // axe is injected
    await page.goto(preview.server.url);
    await openGuide(page);
    expect(await page.getByTestId('school-contacts').count()).toBe(0);
    expect(await page.locator('.who-to-tell').innerText()).toContain('The DSL (or a deputy DSL)');
    await page.getByTestId('close-who').click();

    await page.getByTestId('open-admin').click();
    await page.getByLabel('Administrator password').fill(PREVIEW_ADMIN_PASSWORD);
    await page.getByLabel('Administrator password').press('Enter');
    await page.getByRole('button', { name: 'Settings and other PCs', exact: true }).click();
    await page.getByTestId('add-contacts').click();
    await page.locator('#c-school-0').fill('Hayle Academy');
    await page.locator('#c-dsl-name-0').fill('Jo Penrose');
    await page.locator('#c-dsl-phone-0').fill('ring the office');
    await page.locator('#c-dep-name-0-0').fill('Sam Trevena');
    await page.locator('#c-dep-phone-0-0').fill('01736 750001');
    await page.locator('#c-ooh-how-0').fill('Call the duty safeguarding officer');
    await page.locator('#c-ooh-phone-0').fill('07700 900123');
    await page.locator('#c-lado-name-0').fill('Cornwall LADO team');
    await page.locator('#c-lado-phone-0').fill('01872 326536');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The refusal names the school and the box, in the form's words.
    await expect.poll(() => page.locator('#settings-error').innerText()).toContain("Hayle Academy, DSL's phone: must be a phone number");
    expect(await page.locator('#settings-error').innerText()).not.toMatch(/safeguardingContacts|settings\.set/);
    expect(preview.started.services.settings.get().safeguardingContacts).toEqual([]);
    await page.locator('#c-dsl-phone-0').fill('01736 750000');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#settings-saved').waitFor();
    expect(preview.started.services.settings.get().safeguardingContacts).toEqual([
      {
        school: 'Hayle Academy',
        dsl: { name: 'Jo Penrose', phone: '01736 750000' },
        deputies: [{ name: 'Sam Trevena', phone: '01736 750001' }],
        outOfHours: { how: 'Call the duty safeguarding officer', phone: '07700 900123' },
        lado: { name: 'Cornwall LADO team', phone: '01872 326536' },
      },
    ]);
    await page.locator('#contacts-settings').scrollIntoViewIfNeeded();
    await shoot(page, 'admin-contacts');
    expect(await axeViolations(page), 'settings with contacts').toEqual([]);
    await page.getByTestId('admin-signout').click();
    await page.goto(preview.server.url);

    // Nobody signed in: every school's people.
    await openGuide(page);
    const card = page.getByTestId('school-contacts');
    await expect.poll(() => card.innerText()).toContain('Jo Penrose, 01736 750000');
    const text = await card.innerText();
    for (const part of ['At Hayle Academy', 'Sam Trevena, 01736 750001', 'Call the duty safeguarding officer, 07700 900123', 'Cornwall LADO team, 01872 326536']) expect(text).toContain(part);
    await shoot(page, 'who-to-tell-dialog');
    expect(await axeViolations(page), 'guide with contacts').toEqual([]);
    await page.getByTestId('close-who').click();

    // A member of staff at Hayle: the guide and the lesson's who-to-tell screen name them.
    await signInStaff(page, { name: 'Kit Hayle', email: 'kit@hayle.example', school: 'Hayle Academy', pin: '135759' });
    await openGuide(page);
    await expect.poll(() => page.getByTestId('school-contacts').count()).toBe(1);
    await page.getByTestId('close-who').click();
    await page.getByTestId('open-who-to-tell').click();
    await page.locator('.screen-whoToTell').waitFor();
    await expect.poll(() => page.locator('.screen-whoToTell [data-testid="school-contacts"]').innerText()).toContain('Jo Penrose, 01736 750000');
    expect(await page.locator('.screen-whoToTell').innerText()).toContain('The DSL (or a deputy DSL)');
    await shoot(page, 'lesson-who-to-tell-named');
    await page.getByTestId('sign-out').click();

    // Staff of a school with nothing set: roles only, in the guide and the lesson.
    await signInStaff(page, { name: 'Lee Bay', email: 'lee@mountsbay.example', school: 'Mounts Bay Academy', pin: '246850' });
    await openGuide(page);
    expect(await page.getByTestId('school-contacts').count()).toBe(0);
    await page.getByTestId('close-who').click();
    await page.getByTestId('open-who-to-tell').click();
    await page.locator('.screen-whoToTell').waitFor();
    expect(await page.locator('.screen-whoToTell [data-testid="school-contacts"]').count()).toBe(0);
    expect(await page.locator('.screen-whoToTell').innerText()).toContain('The DSL (or a deputy DSL)');
    expect(problems).toEqual([]);
    await context.close();
  });
});
