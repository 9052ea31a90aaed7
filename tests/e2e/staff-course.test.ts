import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phaseOf, playLesson, signInStaff } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { useJourneyHarness } from '../lesson/journey-harness';
import { shoot } from '../helpers/screenshots';

const { watchedPage, preview } = useJourneyHarness();
const course = staffCourse();
const teaching = course.roles!.teaching!.modules;
const titleOf = (id: string): string => course.modules.find((m) => m.id === id)!.title;
const learners = (): number => (preview().started.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'").get() as { n: number }).n;
const problems = async (page: Page): Promise<string[]> => {
  await page.getByTestId('sign-in-problems').waitFor();
  return page.getByTestId('sign-in-problems').locator('li').allTextContents();
};

describe('staff sign-in names every problem (Chromium, the preview)', () => {
  it('lists each missing field, asks for a new PIN twice, and never creates an account from a mistyped email', async () => {
    const { page, problems: pageProblems } = await watchedPage();
    await page.getByTestId('go-sign-in').click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await problems(page)).toEqual([
      'Enter your name.',
      'Enter your work email.',
      'Choose your school.',
      'Choose your role.',
      'Say whether this is your first time signing in here.',
    ]);
    await shoot(page, 'sign-in-problems');
    for (const id of ['si-name', 'si-email', 'si-school', 'si-role']) expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), id).toBe('true');

    // "Staff ID", as people write it.
    await page.getByLabel('Staff ID', { exact: true }).check();
    await expect.poll(() => page.locator('label[for="si-staff-id"]').textContent()).toBe('Staff ID');
    await page.getByLabel('Work email', { exact: true }).check();

    await page.getByLabel('Your name').fill('Nia Evans');
    await page.locator('#si-email').fill('nia@school.example');
    await page.locator('#si-school').fill('Oakfield Primary');
    await page.getByLabel('Role').selectOption('teaching');
    await page.getByLabel('Yes: I will choose a PIN').check();
    await page.getByLabel(/^Choose a PIN/).fill('12345');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await problems(page)).toEqual(['Your new PIN must be 6 to 8 digits, numbers only.', 'Type your new PIN again.']);
    await page.getByLabel(/^Choose a PIN/).fill('482193');
    await page.getByLabel('Type the PIN again').fill('482139');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await problems(page)).toEqual(['The two PINs are not the same. Type them again.']);
    await shoot(page, 'sign-in-pins-differ');
    expect(learners()).toBe(0);

    // "No: I have a PIN" with an email nobody has used: refused, nothing created.
    await page.getByLabel('No: I have a PIN').check();
    await page.getByLabel('Your PIN').fill('482193');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('Nobody has signed in on this computer with that work email');
    expect(learners()).toBe(0);

    await page.getByLabel('Yes: I will choose a PIN').check();
    await page.getByLabel(/^Choose a PIN/).fill('482193');
    await page.getByLabel('Type the PIN again').fill('482193');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your modules' }).waitFor();
    expect(learners()).toBe(1);
    expect(pageProblems).toEqual([]);
    await page.context().close();
  });

  it('main refuses a new PIN typed twice differently, and a returning sign-in for someone it does not know', async () => {
    const dispatch = preview().started.dispatch;
    const base = { name: 'Rhys Hughes', workEmail: 'rhys@school.example', school: 'Oakfield Primary', role: 'teaching' as const, pin: '731946' };
    const differ = await dispatch('learners.signIn', { ...base, pinAgain: '731964' }, { transport: 'ipc' });
    expect(differ.ok ? 'ok' : differ.error.code).toBe('invalid-request');
    const unknown = await dispatch('learners.signIn', { ...base, returning: true }, { transport: 'ipc' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not-found');
    expect(preview().started.services.db.prepare('SELECT COUNT(*) AS n FROM learners WHERE work_email = ?').get('rhys@school.example')).toEqual({ n: 0 });
  });
});

describe('a course a new member of staff can find their way through', () => {
  it('outline, one end screen per lesson, Next module, the assessment introduction, a failed attempt that says what next, then covered lessons', { timeout: 300_000 }, async () => {
    const { page, problems } = await watchedPage();
    await signInStaff(page, { name: 'Sam Newstart', email: 'sam@school.example', school: 'Oakfield Primary', pin: '482193' });

    // The outline: in order, with minutes and the overall progress.
    await expect.poll(() => page.getByTestId('outline-summary').textContent()).toContain(`0 of ${teaching.length} modules done.`);
    expect(await page.locator('ol.modules > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-module')))).toEqual(teaching);
    await shoot(page, 'outline-new');
    const minutes = await page.locator('ol.modules > li .meta').allTextContents();
    teaching.forEach((id, i) => expect(minutes[i]).toContain(`About ${course.modules.find((m) => m.id === id)!.minutes} minutes`));

    // A lesson: step 1 of N on its first screen, its knowledge checks, then one end screen.
    await page.getByTestId(`open-${teaching[0]}`).click();
    await page.getByTestId('step').waitFor();
    const steps = course.modules.find((m) => m.id === teaching[0])!;
    const total = steps.screens.length + (steps.questions?.length ?? 0);
    expect(await page.locator('label[for="lesson-progress"]').textContent()).toBe(`Progress: step 1 of ${total}`);
    const phases: string[] = [];
    await playLesson(page, { course, pick: () => 'right', onState: async (phase) => void phases.push(phase) });
    expect(phases).not.toContain('result');
    expect(phases.filter((p) => p === 'question').length).toBe(steps.questions?.length ?? 0);
    expect(await page.getByTestId('step-heading').textContent()).toBe('End of this module');
    await expect.poll(() => page.getByTestId('next-module').count()).toBe(1);
    await shoot(page, 'lesson-end');
    expect(await page.locator('main').textContent()).not.toContain('Your result');

    // "Next module" opens the next one in the learner's order.
    await expect.poll(() => page.getByTestId('next-module').textContent()).toBe(`Next module: ${titleOf(teaching[1]!)}`);
    await page.getByTestId('next-module').click();
    await expect.poll(() => page.locator('#lesson-title').textContent()).toBe(titleOf(teaching[1]!));
    await expect.poll(() => phaseOf(page)).toBe('screen');
    await page.getByTestId('leave').click();
    await expect.poll(() => page.getByTestId('outline-summary').textContent()).toContain(`1 of ${teaching.length} modules done.`);

    // The assessment introduces itself before Question 1.
    await page.getByTestId('open-assessment').click();
    await expect.poll(() => phaseOf(page)).toBe('intro');
    const intro = await page.getByTestId('assessment-intro').textContent();
    expect(intro).toContain('12 questions');
    expect(intro).toContain('Pass mark 80%: 10 of 12 right');
    expect(intro).toContain('No time limit');
    await shoot(page, 'assessment-intro');
    expect(await page.locator('#lesson-progress').count()).toBe(0);

    // Failing says plainly what happens next; nothing says "finished".
    await playLesson(page, { course, pick: (_i, n) => (n < 6 ? 'right' : 'wrong') });
    expect(await page.getByTestId('step-heading').textContent()).toBe('Not passed this time');
    await shoot(page, 'assessment-failed');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('saved as not passed');
    expect(main).not.toMatch(/finished this module|You passed/);
    // Sections to review link the policy, and lessons of this learner's role only.
    const review = page.getByTestId('sections-to-review').locator('li');
    expect(await review.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('review-policy').count()).toBe(await review.count());
    const linked = await page.locator('[data-testid^="review-module-"]').evaluateAll((b) => b.map((x) => x.getAttribute('data-testid')!.slice('review-module-'.length)));
    expect(linked.length).toBeGreaterThan(0);
    for (const id of linked) expect(teaching, id).toContain(id);
    await page.getByTestId(`review-module-${linked[0]}`).first().click();
    await expect.poll(() => page.locator('#lesson-title').textContent()).toBe(titleOf(linked[0]!));
    await page.getByTestId('leave').click();

    // A pass: the acknowledgement completes the training, and skipped lessons show as covered.
    await page.getByTestId('open-assessment').click();
    await playLesson(page, { course, pick: () => 'right' });
    expect(await page.getByTestId('step-heading').textContent()).toBe('Training complete');
    await shoot(page, 'training-complete');
    await page.getByTestId('back-to-modules').click();
    await page.getByTestId('reminders-none').waitFor();
    const statuses = await page.locator('ol.modules > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')));
    expect(statuses).not.toContain('not-started');
    expect(statuses[0]).toBe('completed');
    expect(statuses.filter((s) => s === 'covered').length).toBeGreaterThan(0);
    expect(await page.locator('[data-status="covered"] .status').first().textContent()).toBe('Covered by your assessment pass');
    expect(await page.getByText('Policy acknowledged').count()).toBe(1);
    await shoot(page, 'outline-done');
    await expect.poll(() => page.getByTestId('outline-summary').textContent()).toContain(`${teaching.length} of ${teaching.length} modules done.`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the focus ring to keyboard users only', async () => {
    const { page } = await watchedPage();
    await signInStaff(page, { name: 'Kay Board', email: 'kay@school.example', school: 'Oakfield Primary', pin: '271828' });
    await page.getByTestId(`open-${teaching[0]}`).click();
    await page.getByTestId('step').waitFor();
    const ring = () => page.getByTestId('step-heading').evaluate((h) => ({ focused: document.activeElement === h, outline: getComputedStyle(h).outlineStyle }));
    await page.getByTestId('next').click();
    await expect.poll(ring).toEqual({ focused: true, outline: 'none' });
    await page.getByTestId('next').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await ring()).outline).toBe('solid');
    await page.context().close();
  });
});
