import { describe, expect, it } from 'vitest';
import { ROLE_IDS } from '@content/schema';
import { planItems } from '@renderer/lesson/plan';
import { lessonResult } from '@renderer/lesson/result';
import { startLesson } from '@renderer/lesson/start';
import { startInAppHost } from '@renderer/lesson/host/in-app';
import { drive, staffCourse } from './support';
import { interactions, standardProblems, startSession } from './harness';

const VERSIONS = ['scorm2004', 'scorm12'] as const;

describe.each(VERSIONS)('a staff lesson’s knowledge checks (%s)', (version) => {
  it('are recorded as answers but give the lesson no score and no pass or fail', async () => {
    const c = staffCourse();
    const s = await startSession({ course: c, moduleId: 'contact', version, drawnIds: [] });
    expect(planItems(s.run.plan).length).toBeGreaterThanOrEqual(1);
    drive(s.run, () => 'wrong');
    await s.host.flush();
    const cmi = s.last();
    expect(standardProblems(cmi)).toEqual([]);
    expect(interactions(cmi)).toHaveLength(planItems(s.run.plan).length);
    expect(interactions(cmi).every((i) => i.result !== 'correct')).toBe(true);
    // The feedback came with each check: the result has no score, verdict or sections to review.
    expect(lessonResult(s.run.plan, s.run.snapshot.context.answers)).toMatchObject({ percent: null, passed: null, sectionsToReview: [] });
    if (version === 'scorm2004') {
      expect(cmi.data['cmi.completion_status']).toBe('completed');
      expect(cmi.data['cmi.success_status'] ?? 'unknown').toBe('unknown');
      expect(cmi.data['cmi.score.raw'] ?? '').toBe('');
    } else {
      expect(cmi.data['cmi.core.lesson_status']).toBe('completed');
      expect(cmi.data['cmi.core.score.raw'] ?? '').toBe('');
    }
  });
});

describe('the exported player inside an LMS (no role)', () => {
  it('draws the assessment only from items on clauses every role’s lessons teach', async () => {
    const c = staffCourse();
    const taughtTo = (role: (typeof ROLE_IDS)[number]) => {
      const wanted = new Set(c.roles?.[role]?.modules ?? []);
      return new Set(
        c.modules
          .filter((m) => m.kind === 'lesson' && wanted.has(m.id))
          .flatMap((m) => m.screens.flatMap((s) => [...(s.clauses ?? []), ...(s.kind === 'policyExcerpt' ? s.quote : [])])),
      );
    };
    const everyRole = ROLE_IDS.map(taughtTo);
    for (let n = 0; n < 8; n++) {
      const win: Record<string, unknown> = {};
      await startInAppHost(win, { version: 'scorm2004', previous: null, learner: { id: `lms-${n}`, name: 'LMS, Learner' }, send: async () => {} });
      const started = startLesson({ win, course: c, moduleId: 'assessment' });
      const items = planItems(started.plan);
      expect(items).toHaveLength(12);
      for (const item of items) for (const id of item.clauses) expect(everyRole.every((t) => t.has(id)), `${item.id} cites ${id}`).toBe(true);
      started.run.leave();
    }
  });
});
