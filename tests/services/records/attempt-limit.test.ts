import { describe, expect, it } from 'vitest';
import { assessmentOf, course, harnessPerTest, STAFF, type Harness } from './helpers';

/**
 * At most 100 attempts per learner per module (records/attempt-limit.ts, docs/interfaces.md): a
 * learner, or a hostile renderer, cannot start and finish attempts without end. Everything here
 * goes through the real dispatcher, as the renderer's calls do.
 */
const freshHarness = harnessPerTest();
const LIMIT = 100;
const EMPTY = { version: 'scorm2004', data: {} } as const;

async function signedIn(h: Harness, person: Omit<typeof STAFF, "name" | "workEmail"> & { name: string; workEmail: string } = STAFF) {
  const { learnerId } = await h.call('learners.signIn', person);
  const c = course(h.bundle, 'staff-induction');
  return { learnerId, courseId: c.id, moduleId: assessmentOf(c).id, lessonId: c.modules.find((m) => m.kind === 'lesson')!.id };
}

const attemptsOf = (h: Harness, learnerId: string, moduleId: string) =>
  h.services.db.prepare('SELECT id, finished_at, status FROM attempts WHERE learner_id = ? AND module_id = ? ORDER BY started_at, id').all(learnerId, moduleId) as {
    id: string;
    finished_at: string | null;
    status: string;
  }[];

describe('attempts per learner per module', () => {
  it('start the 100th when 20 starts arrive at once at 99, then refuse every further start, losing nothing', async () => {
    const h = freshHarness();
    const { learnerId, courseId, moduleId, lessonId } = await signedIn(h);
    const start = { learnerId, courseId, moduleId };
    // The hostile loop: start, finish at once with nothing answered, start again.
    for (let i = 0; i < LIMIT - 1; i++) {
      const { attemptId } = await h.call('attempts.start', start);
      h.now.value = new Date(h.now.value.getTime() + 1_000);
      await h.call('attempts.finish', { attemptId, seq: 1, cmi: EMPTY });
    }
    expect(attemptsOf(h, learnerId, moduleId)).toHaveLength(LIMIT - 1);

    // 20 starts side by side at 99: one new attempt, the other 19 resume it.
    const racing = await Promise.all(Array.from({ length: 20 }, () => h.raw('attempts.start', start)));
    const ids = new Set(racing.map((r) => (r.ok ? r.value.attemptId : `refused: ${r.error.message}`)));
    expect([...ids]).toHaveLength(1);
    const hundredth = [...ids][0]!;
    expect(attemptsOf(h, learnerId, moduleId)).toHaveLength(LIMIT);
    // An open attempt at the limit is still resumed, not refused.
    expect(await h.call('attempts.start', start)).toMatchObject({ attemptId: hundredth, nextSeq: 1 });
    await h.call('attempts.finish', { attemptId: hundredth, seq: 1, cmi: EMPTY });

    // At 100, all finished: 20 starts at once are each refused, clearly, and nothing is added.
    const refused = await Promise.all(Array.from({ length: 20 }, () => h.raw('attempts.start', start)));
    for (const r of refused) {
      expect(r).toEqual({
        ok: false,
        error: { code: 'invalid-request', message: expect.stringMatching(/^moduleId: this learner has started "assessment" 100 times, the limit for one learner on one module \(100 attempts\)/) },
      });
    }
    const kept = attemptsOf(h, learnerId, moduleId);
    expect(kept).toHaveLength(LIMIT);
    expect(kept.every((a) => a.finished_at !== null && a.status === 'failed')).toBe(true);
    expect(kept.at(-1)?.id).toBe(hundredth);
    // What was recorded still reads back: the learner's records and the health check.
    expect(h.services.records.health(true).integrity).toBe('ok');

    // The limit is per module and per learner: this learner's lesson, and a colleague, still start.
    expect((await h.raw('attempts.start', { learnerId, courseId, moduleId: lessonId })).ok).toBe(true);
    await h.call('learners.signOut', {});
    const bob = await signedIn(h, { ...STAFF, name: 'Bob Second', workEmail: 'bob@example.sch.uk' });
    expect((await h.raw('attempts.start', { learnerId: bob.learnerId, courseId, moduleId })).ok).toBe(true);
  }, 120_000);
});
