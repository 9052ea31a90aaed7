import { describe, expect, it } from 'vitest';
import { playLesson, signInStaff, stepIdOf } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { useJourneyHarness } from '../lesson/journey-harness';

const { watchedPage, attemptsOf, preview } = useJourneyHarness();

describe('resuming a lesson in Chromium, under the production CSP', () => {
  it('leaves midway, reloads, signs in again and resumes on the same question', async () => {
    const { page, problems } = await watchedPage();
    const who = { name: 'Alan Turing', email: 'alan@school.example', school: 'Oakfield Primary', pin: '914059' };
    await signInStaff(page, who);
    await page.getByTestId('open-assessment').click();
    const asked = await playLesson(page, { course: staffCourse(), pick: () => 'right', stopAfter: 4 });
    const where = await stepIdOf(page);
    expect(asked).toHaveLength(4);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    await page.reload();
    await signInStaff(page, { ...who, returning: true });
    await page.getByTestId('open-assessment').click();
    await page.getByTestId('resumed').waitFor();
    expect(await stepIdOf(page)).toBe(where);
    const rest = await playLesson(page, { course: staffCourse(), pick: () => 'right' });
    expect([...asked, ...rest.slice(0)]).toHaveLength(12);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('You passed');
    await expect.poll(() => attemptsOf('assessment', 'alan@school.example').map((a) => a.status)).toEqual(['passed']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('closing the window: main asks, the lesson suspends, its final commit is durable, then the page says ready', async () => {
    const { page, problems } = await watchedPage();
    let ready = false;
    preview().started.services.onCloseReady = () => {
      ready = true;
    };
    await signInStaff(page, { name: 'Close Test', email: 'close@school.example', school: 'Oakfield Primary', pin: '314159' });
    await page.getByTestId('open-assessment').click();
    await playLesson(page, { course: staffCourse(), pick: () => 'right', stopAfter: 2 });
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    const cmiOf = () => {
      const row = preview().started.services.db
        .prepare('SELECT a.cmi FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.work_email = ?')
        .get('close@school.example') as { cmi: string | null } | undefined;
      return row?.cmi ? (JSON.parse(row.cmi) as { data: Record<string, string> }).data : {};
    };
    expect(cmiOf()['cmi.exit']).toBeUndefined();
    preview().server.emit({ type: 'app.closing' });
    await expect.poll(() => ready).toBe(true);
    // app.closeReady came after the suspend was recorded, not before.
    expect(cmiOf()['cmi.exit']).toBe('suspend');
    expect(cmiOf()['cmi.suspend_data']).toMatch(/^1\|/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs out after 15 idle minutes, saving the lesson first; signing in again resumes it', async () => {
    const { page, problems } = await watchedPage();
    const who = { name: 'Idle Test', email: 'idle@school.example', school: 'Oakfield Primary', pin: '271859' };
    await signInStaff(page, who);
    await page.getByTestId('open-assessment').click();
    await playLesson(page, { course: staffCourse(), pick: () => 'right', stopAfter: 3 });
    const where = await stepIdOf(page);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    await page.clock.fastForward('15:05');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('signed out after 15 minutes');
    await signInStaff(page, { ...who, returning: true });
    await page.getByTestId('open-assessment').click();
    await page.getByTestId('resumed').waitFor();
    expect(await stepIdOf(page)).toBe(where);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
