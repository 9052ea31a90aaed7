import type { Item, SectionId } from '@content/schema';
import { deriveAnswerKey, itemSection } from '@content/schema/derive-key';
import { scoreResponse } from '@content/schema/scoring';
import { planItems, type LessonPlan } from './plan';

/** One answered question, in the order answered (that order is the SCORM interaction index). */
export interface Answer {
  itemId: string;
  /** The neutral response text (content/schema encodeResponse). */
  response: string;
  /** null until judged: an answer to an item sent without its key waits for main's judgement. */
  correct: boolean | null;
  latencyMs: number;
}

export interface LessonResult {
  correct: number;
  total: number;
  /** 0–100, rounded; null when the module asked nothing or is unscored (a staff lesson's knowledge checks). */
  percent: number | null;
  /** Scored modules only: null for lessons (pupils have no pass/fail). */
  passed: boolean | null;
  /** Sections of the policy with a wrong answer, in policy order of first appearance. */
  sectionsToReview: SectionId[];
}

/** Right or wrong, by the one scoring rule in content/schema. */
export const isCorrect = (item: Item, response: string): boolean => scoreResponse(deriveAnswerKey(item), response);

export function lessonResult(plan: LessonPlan, answers: readonly Answer[]): LessonResult {
  const items = planItems(plan);
  // The first answer to each item is the one that counts (a pupil's second try is for learning).
  const byId = new Map<string, Answer>();
  for (const a of answers) if (!byId.has(a.itemId)) byId.set(a.itemId, a);
  const total = items.length;
  const correct = items.filter((i) => byId.get(i.id)?.correct === true).length;
  // A staff lesson's knowledge checks are formative: no score goes to the record or the LMS.
  const formative = plan.audience === 'staff' && plan.passPercent === null;
  const percent = total === 0 || formative ? null : Math.round((correct / total) * 100);
  const sections: SectionId[] = [];
  for (const item of items) {
    // Knowledge checks gave their feedback on the spot; the lesson has nothing left to review.
    if (formative || byId.get(item.id)?.correct === true) continue;
    const section = itemSection(item);
    if (!sections.includes(section)) sections.push(section);
  }
  const passed = plan.passPercent === null ? null : percent !== null && percent >= plan.passPercent;
  return { correct, total, percent, passed, sectionsToReview: sections };
}
