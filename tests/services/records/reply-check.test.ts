import { describe, expect, it } from 'vitest';
import { checkedCommitReply, CommitReply } from '@contract/channels/records';
import { testBundle } from '@tests/helpers/bundle';
import { answeredCmi, assessmentOf, course, harnessPerTest, STAFF } from './helpers';

// A commit's reply is checked by its schema while the journal line is flushed, and the dispatcher
// takes that checked reply by identity after COMMIT. What the learner is sent is still only ever
// what passed the full check.

const open = harnessPerTest();

describe("a commit's reply", () => {
  it('that fails its schema is refused as an internal error, and the commit stays recorded', async () => {
    const bundle = testBundle();
    const c = course(bundle, 'staff-induction');
    // A keyed item main cannot show: its stem is not text.
    for (const item of c.bank) (item as { stem: unknown }).stem = 7;
    const h = open({ bundle });
    const { learnerId } = await h.call('learners.signIn', { ...STAFF });
    const m = assessmentOf(c);
    const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
    const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 2 });
    const res = await h.raw('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi });
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'attempts.commit: the app produced an invalid reply' } });
    const recorded = h.services.db.prepare('SELECT seq FROM commits WHERE attempt_id = ?').all(start.attemptId);
    expect(recorded).toEqual([{ seq: 1 }]);
  });

  it('checked once is passed on as it is and cannot be changed; a copy of it is checked in full', async () => {
    const h = open();
    const { learnerId } = await h.call('learners.signIn', { ...STAFF });
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
    const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 2 });
    const sent = await h.call('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi });
    expect(sent.judged).toHaveLength(2);

    const checked = checkedCommitReply(sent);
    expect(checked).not.toBeNull();
    expect(Object.isFrozen(checked) && Object.isFrozen(checked!.judged[0]) && Object.isFrozen(checked!.verdict)).toBe(true);
    expect(() => {
      (checked!.judged[0] as { right: boolean }).right = !checked!.judged[0]!.right;
    }).toThrow(TypeError);
    const passed = CommitReply.safeParse(checked);
    expect(passed.success && passed.data).toBe(checked);

    // Same shape, not the checked object: every field is checked again.
    const copy = structuredClone(checked!);
    expect(CommitReply.safeParse(copy).success).toBe(true);
    (copy.judged[0] as { index: number }).index = -1;
    expect(CommitReply.safeParse(copy).success).toBe(false);
    expect(checkedCommitReply({ ...copy, extra: true })).toBeNull();
  });
});
