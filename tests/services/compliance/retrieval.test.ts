import { describe, expect, it } from 'vitest';
import { itemSection, type Item } from '@content/schema';
import { chooseRetrievalItems, hardestSections, retrievalCheckDue, scoreRetrieval } from '@services/compliance';
import { testBundle } from '@tests/helpers/bundle';
import { SETTINGS, attempt } from './facts';

const bundle = testBundle();
const course = bundle.courses.find((c) => c.id === 'staff-induction');
if (!course) throw new Error('the staff course is missing from the bundle');
const sectionOf = (id: string): string => {
  const item = course.bank.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return itemSection(item);
};

describe('retrieval check timing', () => {
  const pass = attempt('assessment', 'passed', '2026-10-01T15:00:00Z');

  it('is offered from day 14 after the pass and not before', () => {
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2026-10-14T10:00:00Z'))).toBeNull(); // day 13
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2026-10-14T22:59:00Z'))).toBeNull(); // 23:59 BST, still day 13
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2026-10-14T23:00:00Z'))?.passAttemptId).toBe(pass.attemptId); // 00:00 BST on the 15th: day 14
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2026-10-15T08:00:00Z'))).toEqual({
      passAttemptId: pass.attemptId,
      passedOn: '2026-10-01',
      offeredFrom: '2026-10-15',
    });
  });

  it('is offered once per pass, never without a pass, not once the pass is expiring or expired, and follows its setting', () => {
    const day20 = new Date('2026-10-21T08:00:00Z');
    expect(retrievalCheckDue([pass], course, new Set([pass.attemptId]), SETTINGS, day20)).toBeNull();
    expect(retrievalCheckDue([attempt('assessment', 'failed', '2026-10-01T15:00:00Z')], course, new Set(), SETTINGS, day20)).toBeNull();
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2027-10-02T08:00:00Z'))).toBeNull();
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2027-09-01T08:00:00Z'))).toBeNull(); // expiring: the refresher instead
    expect(retrievalCheckDue([pass], course, new Set(), SETTINGS, new Date('2027-08-31T08:00:00Z'))?.passAttemptId).toBe(pass.attemptId);
    expect(retrievalCheckDue([pass], course, new Set(), { ...SETTINGS, retrievalAfterDays: 21 }, day20)).toBeNull();
  });

  it('follows a refresher pass as a new pass', () => {
    const refresher = attempt('refresher', 'passed', '2027-09-20T10:00:00Z');
    const due = retrievalCheckDue([pass, refresher], course, new Set([pass.attemptId]), SETTINGS, new Date('2027-10-04T10:00:00Z'));
    expect(due?.passAttemptId).toBe(refresher.attemptId);
  });
});

describe('retrieval check items', () => {
  // A pass with wrong answers in exactly two sections, more of them in the second one.
  const drawn = [...new Map(course.bank.map((i) => [itemSection(i), i])).values()].slice(0, 6);
  const [hard1, hard2] = [drawn[1] as Item, drawn[3] as Item];
  const results = drawn.map((i) => ({ itemId: i.id, correct: i.id !== hard1.id && i.id !== hard2.id }));
  const extraWrong = course.bank.find((i) => itemSection(i) === itemSection(hard2) && i.id !== hard2.id);
  if (extraWrong) results.push({ itemId: extraWrong.id, correct: false });
  const pass = attempt('assessment', 'passed', '2026-10-01T15:00:00Z', { drawnItemIds: results.map((r) => r.itemId), itemResults: results });

  it('ranks the sections with the most wrong answers first', () => {
    const ranked = hardestSections(pass, bundle.answerKey, bundle.sections.map((s) => s.id));
    expect(ranked.slice(0, 2).map((r) => r.section)).toEqual(extraWrong ? [itemSection(hard2), itemSection(hard1)] : expect.arrayContaining([itemSection(hard1), itemSection(hard2)]));
    expect(ranked.slice(2).every((r) => r.wrong === 0)).toBe(true);
  });

  it('draws 3-5 quick items from those sections, unseen items first, deterministically', () => {
    const ids = chooseRetrievalItems(pass, course, bundle, 'check-1');
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    const hardSections = new Set<string>([itemSection(hard1), itemSection(hard2)]);
    const available = course.bank.filter((i) => hardSections.has(itemSection(i)) && (i.kind === 'single' || i.kind === 'trueFalse'));
    if (available.length >= 3) expect(ids.every((id) => hardSections.has(sectionOf(id)))).toBe(true);
    const kinds = ids.map((id) => course.bank.find((i) => i.id === id)?.kind);
    expect(kinds.every((k) => k === 'single' || k === 'trueFalse')).toBe(true);
    const unseenAvailable = available.filter((i) => !pass.drawnItemIds.includes(i.id)).length;
    expect(ids.filter((id) => !pass.drawnItemIds.includes(id)).length).toBe(Math.min(ids.length, unseenAvailable));
    expect(chooseRetrievalItems(pass, course, bundle, 'check-1')).toEqual(ids);
  });

  it('uses the verdict sections to review when per-item results are missing', () => {
    const bare = { ...pass, itemResults: undefined, sectionsToReview: [itemSection(hard1)] };
    const ranked = hardestSections(bare, bundle.answerKey, bundle.sections.map((s) => s.id));
    expect(ranked[0]?.section).toBe(itemSection(hard1));
    expect(chooseRetrievalItems(bare, course, bundle, 'check-2').some((id) => sectionOf(id) === itemSection(hard1))).toBe(true);
  });
});

describe('retrieval check scoring', () => {
  const single = course.bank.find((i): i is Extract<Item, { kind: 'single' }> => i.kind === 'single');
  const tf = course.bank.find((i): i is Extract<Item, { kind: 'trueFalse' }> => i.kind === 'trueFalse');
  if (!single || !tf) throw new Error('the bank needs single and trueFalse items');
  const right = single.options.find((o) => o.correct)?.id ?? 'a';
  const wrong = single.options.find((o) => !o.correct)?.id ?? 'b';

  it('tallies right and wrong per clause and nothing else', () => {
    const out = scoreRetrieval(
      [
        { itemId: single.id, response: right },
        { itemId: tf.id, response: String(!tf.answer) },
      ],
      [single.id, tf.id],
      bundle.answerKey,
    );
    expect(out.results).toEqual([
      { itemId: single.id, correct: true },
      { itemId: tf.id, correct: false },
    ]);
    for (const c of single.clauses) expect(out.tallies).toContainEqual({ clauseId: c, right: 1, wrong: 0 });
    for (const c of tf.clauses.filter((x) => !single.clauses.includes(x))) expect(out.tallies).toContainEqual({ clauseId: c, right: 0, wrong: 1 });
    expect(scoreRetrieval([{ itemId: single.id, response: wrong }], [single.id], bundle.answerKey).results[0]?.correct).toBe(false);
  });

  it('refuses items that were not offered, repeats and malformed answers, saying where', () => {
    expect(() => scoreRetrieval([{ itemId: tf.id, response: 'true' }], [single.id], bundle.answerKey)).toThrow(/answers\.0\.itemId.*not part of this check/);
    expect(() => scoreRetrieval([{ itemId: single.id, response: right }, { itemId: single.id, response: right }], [single.id], bundle.answerKey)).toThrow(/answers\.1.*twice/);
    expect(() => scoreRetrieval([{ itemId: single.id, response: 'maybe' }], [single.id], bundle.answerKey)).toThrow(/answers\.0\.response/);
  });
});
