import type { AnswerKey, Bundle, BundleCourse, Item } from '@content/schema';
import { itemSection, parseResponse, scoreResponse } from '@content/schema';
import { addDays, localDate, type IsoDate } from './dates';
import { spreadAcrossSections } from './refresher';
import { currentPass, expiryOf } from './status';
import type { AttemptFacts, ComplianceSettings } from './types';

export const RETRIEVAL_MIN_ITEMS = 3;
export const RETRIEVAL_MAX_ITEMS = 5;
/** Quick to answer on one screen; sort and branching items stay in the assessment. */
export const RETRIEVAL_ITEM_KINDS: ReadonlySet<Item['kind']> = new Set(['single', 'trueFalse']);

export interface RetrievalDue {
  /** The pass the check follows (one check per pass). */
  passAttemptId: string;
  passedOn: IsoDate;
  /** First day the check is offered: passedOn + retrievalAfterDays. */
  offeredFrom: IsoDate;
}

/**
 * Whether the short retrieval check is due at this sign-in: the current pass is at least
 * retrievalAfterDays old, the check for that pass has not been offered already, and the pass is
 * not expiring or expired (then the refresher does this job).
 */
export function retrievalCheckDue(
  attempts: readonly AttemptFacts[],
  course: Pick<BundleCourse, 'id' | 'modules'>,
  offeredForPasses: ReadonlySet<string>,
  settings: Pick<ComplianceSettings, 'retrievalAfterDays' | 'expiryMonths' | 'expiringDays'>,
  now: Date,
): RetrievalDue | null {
  const pass = currentPass(attempts, course);
  if (!pass || pass.finishedAt === null || offeredForPasses.has(pass.attemptId)) return null;
  const today = localDate(now);
  const passedOn = localDate(pass.finishedAt);
  const offeredFrom = addDays(passedOn, settings.retrievalAfterDays);
  if (today < offeredFrom) return null;
  if (expiryOf(pass.finishedAt, today, settings).state !== 'valid') return null;
  return { passAttemptId: pass.attemptId, passedOn, offeredFrom };
}

/**
 * The sections of a pass ranked hardest first: most wrong answers, then the highest share wrong,
 * then the policy's own section order. Without per-item results, the verdict's sections to review
 * come first.
 */
export function hardestSections(pass: AttemptFacts, answerKey: AnswerKey, sectionOrder: readonly string[]): { section: string; wrong: number }[] {
  const tally = new Map<string, { wrong: number; total: number }>();
  const bump = (section: string, wrong: boolean): void => {
    const t = tally.get(section) ?? { wrong: 0, total: 0 };
    tally.set(section, { wrong: t.wrong + (wrong ? 1 : 0), total: t.total + 1 });
  };
  if (pass.itemResults && pass.itemResults.length > 0) {
    for (const r of pass.itemResults) {
      const key = answerKey[r.itemId];
      if (key) bump(key.section, !r.correct);
    }
  } else {
    const review = new Set(pass.sectionsToReview ?? []);
    for (const id of pass.drawnItemIds) {
      const key = answerKey[id];
      if (key) bump(key.section, review.has(key.section));
    }
  }
  const order = (s: string): number => {
    const i = sectionOrder.indexOf(s);
    return i === -1 ? sectionOrder.length : i;
  };
  return [...tally.entries()]
    .map(([section, t]) => ({ section, wrong: t.wrong, share: t.wrong / t.total }))
    .sort((a, b) => b.wrong - a.wrong || b.share - a.share || order(a.section) - order(b.section))
    .map(({ section, wrong }) => ({ section, wrong }));
}

/**
 * 3–5 items for the check, from the sections the learner found hardest: those with a wrong answer
 * (hardest first), or the two top-ranked when everything was right; items not in the pass first;
 * topped up from the next sections, then the whole bank, only when those sections run short.
 */
export function chooseRetrievalItems(pass: AttemptFacts, course: Pick<BundleCourse, 'bank'>, bundle: Pick<Bundle, 'answerKey' | 'sections'>, seed: string): string[] {
  const eligible = course.bank.filter((i) => RETRIEVAL_ITEM_KINDS.has(i.kind));
  const ranked = hardestSections(pass, bundle.answerKey, bundle.sections.map((s) => s.id));
  const withWrong = ranked.filter((r) => r.wrong > 0).map((r) => r.section);
  const target = withWrong.length > 0 ? withWrong : ranked.slice(0, 2).map((r) => r.section);
  const seen = new Set(pass.drawnItemIds);
  const inSection = (section: string, fresh: boolean, salt: string): Item[] =>
    spreadAcrossSections(
      eligible.filter((i) => itemSection(i) === section && seen.has(i.id) !== fresh),
      `${seed}:${salt}:${section}:${fresh ? 'new' : 'seen'}`,
    );
  const chosen: Item[] = [];
  // Round-robin across the target sections, hardest first, so one section cannot fill the check;
  // every unseen item of those sections comes before any the learner met in the pass.
  for (const fresh of [true, false]) {
    const queues = target.map((s) => inSection(s, fresh, 'target'));
    while (chosen.length < RETRIEVAL_MAX_ITEMS && queues.some((q) => q.length > 0)) {
      for (const q of queues) {
        const next = q.shift();
        if (next && chosen.length < RETRIEVAL_MAX_ITEMS) chosen.push(next);
      }
    }
  }
  if (chosen.length < RETRIEVAL_MIN_ITEMS) {
    const rest = ranked.map((r) => r.section).filter((s) => !target.includes(s));
    const extra = [
      ...rest.flatMap((s) => [...inSection(s, true, 'rest'), ...inSection(s, false, 'rest')]),
      ...spreadAcrossSections(eligible, `${seed}:any`),
    ];
    for (const item of extra) {
      if (chosen.length >= RETRIEVAL_MIN_ITEMS) break;
      if (!chosen.some((c) => c.id === item.id)) chosen.push(item);
    }
  }
  return chosen.map((i) => i.id);
}

export interface ClauseTally {
  clauseId: string;
  right: number;
  wrong: number;
}

/**
 * What a finished check leaves behind: right/wrong counts per clause, and nothing that names the
 * learner. The per-item outcome goes back to the learner as feedback and is not stored.
 */
export function scoreRetrieval(
  answers: readonly { itemId: string; response: string }[],
  offeredItemIds: readonly string[],
  answerKey: AnswerKey,
): { results: { itemId: string; correct: boolean }[]; tallies: ClauseTally[] } {
  const offered = new Set(offeredItemIds);
  const results: { itemId: string; correct: boolean }[] = [];
  const tallies = new Map<string, ClauseTally>();
  const answered = new Set<string>();
  for (const [i, a] of answers.entries()) {
    if (!offered.has(a.itemId)) throw new Error(`answers.${i}.itemId: "${a.itemId}" was not part of this check`);
    if (answered.has(a.itemId)) throw new Error(`answers.${i}.itemId: "${a.itemId}" is answered twice`);
    answered.add(a.itemId);
    const key = answerKey[a.itemId];
    if (!key) throw new Error(`answers.${i}.itemId: "${a.itemId}" is not in the answer key`);
    try {
      parseResponse(key.kind, a.response); // a malformed answer is an error, not a silent "wrong"
    } catch (err) {
      throw new Error(`answers.${i}.response: ${(err as Error).message}`, { cause: err });
    }
    const correct = scoreResponse(key, a.response);
    results.push({ itemId: a.itemId, correct });
    for (const clauseId of key.clauseIds) {
      const t = tallies.get(clauseId) ?? { clauseId, right: 0, wrong: 0 };
      tallies.set(clauseId, { clauseId, right: t.right + (correct ? 1 : 0), wrong: t.wrong + (correct ? 0 : 1) });
    }
  }
  return { results, tallies: [...tallies.values()] };
}
