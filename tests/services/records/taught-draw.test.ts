import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle, BundleCourse } from '@content/schema';
import { answeredCmi, assessmentOf, course, harness, playHonestly, removeDir, STAFF, type Harness } from './helpers';

// Issue 15: main draws a member of staff's assessment and refresher only from what the lessons of
// their role teach, and a staff lesson's knowledge checks are recorded without a score.

let h: Harness | null = null;
afterEach(() => {
  if (h) {
    h.close();
    removeDir(h.dataDir);
    h = null;
  }
});

/** Clauses on the lesson screens of a role's modules, read from the bundle (not by the code under test). */
function taughtTo(c: BundleCourse, role: 'teaching' | 'account-runner'): Set<string> {
  const wanted = new Set(c.roles?.[role]?.modules ?? []);
  const out = new Set<string>();
  for (const m of c.modules) {
    if (m.kind !== 'lesson' || !wanted.has(m.id)) continue;
    for (const s of m.screens) {
      for (const id of s.clauses ?? []) out.add(id);
      if (s.kind === 'policyExcerpt') for (const id of s.quote) out.add(id);
    }
  }
  return out;
}

const cited = (bundle: Bundle, itemId: string): string[] => bundle.answerKey[itemId]?.clauseIds ?? [];

describe('attempts.start: taught before tested', () => {
  it('draws a teacher’s assessment only from items on clauses the teacher’s lessons teach', async () => {
    h = harness();
    const c = course(h.bundle, 'staff-induction');
    const taught = taughtTo(c, 'teaching');
    const notTaught = c.bank.filter((i) => i.clauses.some((id) => !taught.has(id))).map((i) => i.id);
    expect(notTaught.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (let n = 0; n < 12; n++) {
      const { learnerId } = await h.call('learners.signIn', { ...STAFF, workEmail: `t${n}@example.sch.uk` });
      const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: assessmentOf(c).id });
      expect(start.drawnItemIds).toHaveLength(12);
      for (const id of start.drawnItemIds) {
        seen.add(id);
        for (const clause of cited(h.bundle, id)) expect(taught.has(clause), `${id} cites ${clause}`).toBe(true);
      }
    }
    expect([...seen].filter((id) => notTaught.includes(id))).toEqual([]);
  });

  it('draws a refresher for a teacher from the same taught items', async () => {
    h = harness({ now: new Date('2026-01-10T10:00:00Z') });
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const { learnerId } = await h.call('learners.signIn', { ...STAFF });
    const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
    const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, claim: true });
    const done = await playHonestly(h, start.attemptId, 1, cmi);
    expect(done.verdict.status).toBe('passed');
    h.now.value = new Date('2026-12-20T10:00:00Z');
    await h.call('learners.signIn', { ...STAFF }); // weeks later: signed in again
    const refresher = c.modules.find((x) => x.kind === 'refresher');
    if (!refresher) throw new Error('no refresher');
    const again = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: refresher.id });
    const taught = taughtTo(c, 'teaching');
    expect(again.drawnItemIds.length).toBe(refresher.draw?.count);
    for (const id of again.drawnItemIds) for (const clause of cited(h.bundle, id)) expect(taught.has(clause), `${id} cites ${clause}`).toBe(true);
  });
});

describe('knowledge checks in a staff lesson', () => {
  it('records the lesson as completed with no score, even with every check answered wrongly', async () => {
    h = harness();
    const c = course(h.bundle, 'staff-induction');
    const lesson = c.modules.find((m) => m.id === 'who-to-tell');
    if (!lesson?.questions?.length) throw new Error('who-to-tell has no knowledge checks');
    const { learnerId } = await h.call('learners.signIn', { ...STAFF });
    const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: lesson.id });
    expect(start.drawnItemIds).toEqual(lesson.questions.map((q) => q.id));
    const cmi = answeredCmi(h.bundle, c, lesson, start.drawnItemIds, { right: () => false });
    const done = await h.call('attempts.finish', { attemptId: start.attemptId, seq: 1, cmi });
    expect(done.verdict).toMatchObject({ status: 'completed', scorePercent: null, sectionsToReview: [] });

    // The assessment that follows draws from the bank alone: no knowledge check, twelve items.
    const assessment = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: assessmentOf(c).id });
    expect(assessment.drawnItemIds).toHaveLength(12);
    for (const id of assessment.drawnItemIds) expect(lesson.questions.some((q) => q.id === id), id).toBe(false);
  });
});
