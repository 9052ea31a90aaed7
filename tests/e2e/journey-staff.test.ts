import { describe, expect, it } from 'vitest';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { useJourneyHarness } from '../lesson/journey-harness';

const { watchedPage, attemptsOf, preview } = useJourneyHarness();

describe('the staff journey in Chromium, under the production CSP', () => {
  it('passes the assessment, acknowledges the policy version and gets a certificate; main records the pass', async () => {
    const { page, problems } = await watchedPage();
    await signInStaff(page, { name: 'Ada Lovelace', email: 'ada@school.example', school: 'Oakfield Primary', pin: '482159' });
    // Why the modules are assigned is said once, from the role in the content, not on every card.
    await expect.poll(() => page.getByTestId('why-assigned').textContent()).toContain(staffCourse().roles!.teaching!.why);
    expect(await page.locator('.module-card .why').count()).toBe(0);
    await page.getByTestId('open-assessment').click();
    // The renderer holds no key for an assessment: each verdict shown is main's reply to the commit.
    const shown: string[] = [];
    const asked = await playLesson(page, {
      course: staffCourse(),
      pick: (_i, n) => (n === 2 ? 'wrong' : 'right'),
      onState: async (phase) => {
        if (phase === 'feedback') shown.push((await page.locator('.feedback .verdict').getAttribute('class')) ?? '');
      },
    });
    expect(asked).toHaveLength(12);
    expect(shown.map((c) => (c.includes('is-wrong') ? 'wrong' : c.includes('is-right') ? 'right' : c))).toEqual(asked.map((_id, n) => (n === 2 ? 'wrong' : 'right')));
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('You passed');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    await page.getByTestId('certificate').click();
    await expect.poll(() => page.getByTestId('cert-version').textContent()).toBe('0.1');
    expect(await page.getByTestId('certificate').textContent()).toContain('Ada Lovelace');

    const [attempt] = attemptsOf('assessment', 'ada@school.example');
    expect(attempt?.status).toBe('passed');
    expect(Math.round(attempt?.score_percent ?? 0)).toBe(92);
    expect(attempt?.finished_at).not.toBeNull();
    const ack = preview().started.services.db.prepare('SELECT policy_version_label FROM acknowledgements WHERE attempt_id = ?').get(attempt!.id) as { policy_version_label: string } | undefined;
    expect(ack?.policy_version_label).toBe('0.1');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fails, is told which sections to review, retakes and gets different items', async () => {
    const { page, problems } = await watchedPage();
    await signInStaff(page, { name: 'Grace Hopper', email: 'grace@school.example', school: 'Oakfield Primary', pin: '730559' });
    await page.getByTestId('open-assessment').click();
    const first = await playLesson(page, { course: staffCourse(), pick: (_i, n) => (n < 6 ? 'right' : 'wrong') });
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('did not pass');
    const sections = await page.getByTestId('sections-to-review').locator('li').allTextContents();
    expect(sections.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');

    await page.getByTestId('retake').click();
    const second = await playLesson(page, { course: staffCourse(), pick: () => 'right' });
    expect(second).toHaveLength(12);
    // The bank holds far more than 24 items: a retake repeats none.
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('You passed');

    await expect.poll(() => attemptsOf('assessment', 'grace@school.example').map((a) => a.status)).toEqual(['failed', 'passed']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

});
