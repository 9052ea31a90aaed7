import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { shootPupilScreen } from '../helpers/screenshots';
import type { Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';
import { playLesson, signInStaff, startPupil } from '../lesson/browser-driver';
import { course } from '../lesson/support';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

describe('pupils at a PC, one after another (issue 13 item 2), in Chromium under the production CSP', () => {
  it('a KS2 pupil finishes, the PC waits with class and band kept, the next pupil starts without a sign-in, the teacher takes it back with their PIN', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.clock.install();
    await page.goto(preview.server.url);
    await signInStaff(page, { name: 'Nia Teacher', email: 'nia@school.example', school: 'Oakfield Primary', pin: '864297' });
    await startPupil(page, { firstName: 'Ava', initial: 'P', className: 'Year 5 Kestrels', band: 'ks2' });
    // A pupil is offered their own help, never the staff policy.
    expect(await page.getByTestId('read-policy').count()).toBe(0);

    const ks2 = course('pupils-ks2');
    const lesson = ks2.modules[0]!;
    await page.getByTestId(`open-${lesson.id}`).click();
    // Every kind of pupil screen, photographed once (SCREENSHOTS=dir) to look at as a teacher would.
    const shot = new Set<string>();
    await playLesson(page, {
      course: ks2,
      pick: (_i, n) => (n === 0 ? 'wrong' : 'right'),
      onState: async (phase, stepId) => {
        const kind = `${phase}-${lesson.screens.find((x) => x.id === stepId)?.kind ?? (lesson.questions ?? []).find((q) => q.id === stepId)?.kind ?? ''}`;
        if (shot.has(kind)) return;
        shot.add(kind);
        await shootPupilScreen(page, `pupil-${kind}`);
      },
    });
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    await page.getByTestId('sign-out').click(); // the pupil's "Finish"

    // The PC waits for the next pupil: class and band kept, the name empty, the teacher named.
    await page.getByRole('heading', { name: 'Start next pupil' }).waitFor();
    expect(await page.getByLabel('Class').inputValue()).toBe('Year 5 Kestrels');
    expect(await page.getByLabel('Age band').inputValue()).toBe('ks2');
    expect(await page.getByLabel('First name').inputValue()).toBe('');
    await shootPupilScreen(page, 'next-pupil');
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(await page.getByTestId('read-policy').count()).toBe(0);
    await page.getByTestId('who-to-tell').click();
    const help = page.locator('dialog.who-dialog');
    await help.getByRole('heading', { name: 'Who can I tell?' }).waitFor();
    await expect.poll(() => help.textContent()).toContain('Childline');
    expect(await help.textContent()).not.toMatch(/\bDSL\b|safeguarding/i);
    await shootPupilScreen(page, 'who-can-i-tell');
    await help.getByTestId('close-who').click();

    await page.getByLabel('First name').fill('Ben');
    await page.getByLabel('Initial of last name').fill('d');
    await page.getByRole('button', { name: "Start the pupil's session" }).click();
    await page.getByRole('heading', { name: 'Hello, Ben D' }).waitFor();
    await page.getByTestId('sign-out').click();
    await page.getByRole('heading', { name: 'Start next pupil' }).waitFor();

    // Taking the PC back: a wrong PIN is refused, the teacher's opens their own modules.
    await page.getByTestId('take-back').click();
    await page.getByLabel('Your PIN').fill('111111');
    await page.getByTestId('take-back-confirm').click();
    await expect.poll(() => page.getByTestId('take-back-error').textContent()).toContain('does not match');
    await shootPupilScreen(page, 'take-back');
    await page.getByLabel('Your PIN').fill('864297');
    await page.getByTestId('take-back-confirm').click();
    await page.getByRole('heading', { name: 'Your modules' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Nia Teacher');
    expect(await page.getByTestId('read-policy').count()).toBe(1);

    const pupils = preview.started.services.db.prepare(`SELECT first_name, class_name FROM learners WHERE kind = 'pupil' AND class_name = 'Year 5 Kestrels' ORDER BY first_name`).all();
    expect(pupils).toEqual([
      { first_name: 'Ava', class_name: 'Year 5 Kestrels' },
      { first_name: 'Ben', class_name: 'Year 5 Kestrels' },
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
