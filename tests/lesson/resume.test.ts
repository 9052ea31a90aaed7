import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Api } from '@contract';
import { currentItem } from '@renderer/lesson/machine';
import { phaseOf } from '@renderer/lesson/run';
import { useLessonStore } from '@renderer/stores/lesson';
import { useSessionStore } from '@renderer/stores/session';
import { harness, removeDir, STAFF, tempDir, type Harness } from '../services/records/helpers';
import { answer, bundleItem, rightAnswer } from './support';

/**
 * Resuming an attempt through the app's own code, end to end without a browser: the lesson store
 * asks main (the real dispatcher and records store) for the attempt, hands its resume cmi and last
 * seq to the in-app SCORM host, and the player restores itself from suspend_data. Nothing of the
 * resume is re-done here: the test only presses what a learner would, and reads what main kept.
 */

type WindowShim = { api: Api; addEventListener(): void; removeEventListener(): void } & Record<string, unknown>;

let dataDir: string;
let h: Harness | null = null;
/** Every refusal main sent the lesson's saves (a save refused then overtaken shows nowhere else). */
let refusedSaves: string[] = [];

/** The app's window as the stores see it, its bridge wired to main's dispatcher. */
function openApp(): Harness {
  const opened = harness({ dataDir });
  const shim: WindowShim = {
    api: {
      invoke: async (channel, request) => {
        const reply = await opened.dispatch(channel, request, { transport: 'ipc' });
        if (!reply.ok && channel.startsWith('attempts.')) refusedSaves.push(`${channel}: ${reply.error.message}`);
        return reply as never;
      },
      onEvent: () => () => {},
      early: () => undefined, // nothing asked as this page started: the stores ask main themselves
    } as Api,
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  (globalThis as { window?: unknown }).window = shim;
  setActivePinia(createPinia());
  return opened;
}

function closeApp(): void {
  h?.close();
  h = null;
}

beforeEach(() => {
  dataDir = tempDir('resume-');
  refusedSaves = [];
  // The player's clock: each answer is given after the learner has read the question.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-27T10:00:00Z'));
});
afterEach(() => {
  closeApp();
  vi.useRealTimers();
  delete (globalThis as { window?: unknown }).window;
  removeDir(dataDir);
});

/** Every commit the player has made so far is durable in main (its scorm-again commits are asynchronous). */
async function saved(lesson: ReturnType<typeof useLessonStore>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await lesson.active!.host.flush();
}

/**
 * Answers rightly and moves on, like a learner, until `stop` says so or the lesson is done. Main
 * times answers by its own clock from when it saw the question served: each question's save
 * reaches main first, then the learner reads for 8 s (the page's clock and main's), then answers.
 */
async function take(lesson: ReturnType<typeof useLessonStore>, stop: (answered: number) => boolean): Promise<number> {
  let answered = 0;
  for (let guard = 0; guard < 500; guard++) {
    const run = lesson.active!.started.run;
    const phase = phaseOf(run.snapshot);
    if (phase === 'done') return answered;
    if (phase === 'question') {
      if (stop(answered)) return answered;
      const item = currentItem(run.snapshot.context)!;
      await saved(lesson);
      vi.setSystemTime(Date.now() + 8_000);
      h!.now.value = new Date(Date.now());
      // The assessment's items come without their key: the test knows the answer from the bundle.
      answer(run, rightAnswer(bundleItem(item.id))); // a scenario's decisions one by one, as the view sends them
      answered++;
    } else if (phase === 'acknowledge') lesson.send({ type: 'ACKNOWLEDGE' });
    else {
      // Feedback waits for main's judgement of the answer, in its reply to the commit that recorded it.
      if (phase === 'feedback') await saved(lesson);
      lesson.send({ type: 'NEXT' });
    }
  }
  throw new Error('the lesson did not finish in 500 steps');
}

describe('resuming an attempt through the app’s own code', () => {
  it('a learner who leaves after five answers and comes back after a restart carries on at the sixth, and passes', async () => {
    h = openApp();
    await useSessionStore().signIn({ ...STAFF });
    const lesson = useLessonStore();
    await lesson.start('staff-induction', 'assessment');
    expect(lesson.error).toBeNull();
    const first = lesson.active!;
    expect(first.started.resumed).toBe(false);
    expect(await take(lesson, (n) => n === 5)).toBe(5);
    const where = first.started.run.snapshot.context.index;
    const given = first.started.run.snapshot.context.answers.map((a) => `${a.itemId}=${a.response}`);
    await lesson.leave();
    expect(lesson.save.state).not.toBe('error');
    const attemptId = first.attemptId;
    closeApp();

    // The PC restarts: new services on the same folder, new stores, the learner signs in again.
    h = openApp();
    await useSessionStore().signIn({ ...STAFF });
    const again = useLessonStore();
    await again.start('staff-induction', 'assessment');
    expect(again.error).toBeNull();
    const second = again.active!;
    expect(second.attemptId).toBe(attemptId);
    expect(second.started.resumed).toBe(true);
    expect(second.started.run.snapshot.context.index).toBe(where);
    expect(second.started.run.snapshot.context.answers.map((a) => `${a.itemId}=${a.response}`)).toEqual(given);
    // The answers given before the restart show main's judgement again, from its reply to the first commit.
    await saved(again);
    const context = second.started.run.snapshot.context;
    expect(context.answers.map((a) => a.correct)).toEqual([true, true, true, true, true]);
    expect(Object.keys(context.revealed).sort()).toEqual(context.answers.map((a) => a.itemId).sort());

    expect(await take(again, () => false)).toBe(7);
    await again.settled();
    expect(again.save.state).not.toBe('error');
    expect(again.error).toBeNull();
    expect(again.verdict).toMatchObject({ status: 'passed', correct: 12, total: 12, scorePercent: 100 });
    expect(again.acknowledgement).not.toBeNull();
    expect(refusedSaves).toEqual([]);

    // Main kept one attempt: its commits from both sittings (a seq going back would have been
    // refused, and shown as a save error above), ending with the finish.
    const db = h.services.records.db;
    const commits = db.prepare('SELECT seq, kind FROM commits WHERE attempt_id = ? ORDER BY seq').all(attemptId) as { seq: number; kind: string }[];
    expect(commits.length).toBeGreaterThan(2);
    expect(commits.at(-1)?.kind).toBe('finish');
    expect(commits.filter((c) => c.kind === 'finish')).toHaveLength(1);
    const attempts = db.prepare("SELECT id, status FROM attempts WHERE module_id = 'assessment'").all() as { id: string; status: string }[];
    expect(attempts).toEqual([{ id: attemptId, status: 'passed' }]);
    const flags = JSON.parse((db.prepare('SELECT flags FROM attempts WHERE id = ?').get(attemptId) as { flags: string }).flags) as string[];
    expect(flags).not.toContain('item-answered-twice');
  });
});
