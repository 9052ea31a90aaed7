import {
  itemSection,
  parseInteractionId,
  parseResponse,
  scoreResponse,
  type AnswerKeyEntry,
  type Bundle,
  type BundleCourse,
  type Item,
  type Module,
} from '../../../content/schema';
import type { Cmi } from '../../../content/scorm';
import type { Verdict } from '../../contract/channels/records';
import { fromScormResponse, interactionsOf } from '../../../content/scorm';
import type { PupilFinish } from './entries';

/** Faster than this, a scenario cannot have been read: the answer is not counted as right. */
export const MIN_PLAUSIBLE_LATENCY_MS = 1000;
export const DEFAULT_PASS_PERCENT = 80;

export interface AttemptContext {
  courseId: string;
  moduleId: string;
  audience: 'staff' | 'pupil';
  drawnItemIds: readonly string[];
}

export interface Rescored {
  verdict: Verdict;
  itemResults: { itemId: string; correct: boolean }[];
  /** Why main disagreed with what it was sent (kept on the attempt for HR and the audit). */
  flags: string[];
  /** Pupil answers, per drawn item, as the class counts take them (only at the end of a lesson). */
  outcomes: PupilFinish['outcomes'];
}

export function findModule(bundle: Bundle, courseId: string, moduleId: string): { course: BundleCourse; module: Module } | null {
  const course = bundle.courses.find((c) => c.id === courseId);
  const module = course?.modules.find((m) => m.id === moduleId);
  return course && module ? { course, module } : null;
}

function itemsById(course: BundleCourse, module: Module): Map<string, Item> {
  return new Map([...course.bank, ...(module.questions ?? [])].map((i) => [i.id, i]));
}

/** The misconception a wrong answer reflects, as the content names it ('' when it names none). */
export function misconceptionOf(item: Item | undefined, neutral: string): string {
  if (!item) return '';
  try {
    const r = parseResponse(item.kind, neutral);
    if (item.kind === 'single' && r.kind === 'single') return item.options.find((o) => o.id === r.option)?.misconception ?? '';
    if (item.kind === 'trueFalse') return item.misconception ?? '';
    if (item.kind === 'sort' && r.kind === 'sort') {
      const wrong = r.placements.map((p) => item.cards.find((c) => c.id === p.card && c.group !== p.group)).find((c) => c !== undefined);
      return wrong?.misconception ?? '';
    }
    if (item.kind === 'branching' && r.kind === 'branching') {
      for (const c of r.choices) {
        const m = item.nodes.find((n) => n.id === c.node)?.options.find((o) => o.id === c.option)?.misconception;
        if (m) return m;
      }
    }
  } catch {
    // an unreadable answer names no misconception
  }
  return '';
}

/**
 * Main's verdict, from the answers alone: each interaction is decoded to the neutral response and
 * scored with content/schema `scoreResponse` against the bundle's answer key. Only drawn items
 * count; the first answer to an item is the one that counts (no second tries in an assessment);
 * an answer given implausibly fast is not counted as right. What the renderer says about passing
 * (success_status, lesson_status, score, result) is ignored.
 */
export function rescore(bundle: Bundle, ctx: AttemptContext, cmi: Cmi, finish: boolean): Rescored {
  const found = findModule(bundle, ctx.courseId, ctx.moduleId);
  if (!found) throw new Error(`module ${ctx.courseId}/${ctx.moduleId} is not in this content version`);
  const { course, module } = found;
  const items = itemsById(course, module);
  const drawn = new Set(ctx.drawnItemIds);
  const flags = new Set<string>();
  const answers = new Map<string, { neutral: string; correct: boolean }[]>();

  for (const it of interactionsOf(cmi)) {
    let itemId: string;
    try {
      itemId = parseInteractionId(it.id).itemId;
    } catch {
      flags.add('unreadable-interaction-id');
      continue;
    }
    const key: AnswerKeyEntry | undefined = bundle.answerKey[itemId];
    if (!drawn.has(itemId) || !key) {
      flags.add('answer-to-an-item-not-drawn');
      continue;
    }
    const neutral = fromScormResponse(cmi.version, key.kind, it.response);
    let correct = scoreResponse(key, neutral);
    if (correct && ctx.audience === 'staff' && it.latencyMs !== null) {
      const decisions = key.kind === 'branching' ? Math.max(1, neutral.split(',').length) : 1;
      if (it.latencyMs < MIN_PLAUSIBLE_LATENCY_MS * decisions) {
        correct = false;
        flags.add('implausibly-fast-answer');
      }
    }
    const list = answers.get(itemId) ?? [];
    if (list.length > 0 && ctx.audience === 'staff') flags.add('item-answered-twice');
    list.push({ neutral, correct });
    answers.set(itemId, list);
  }

  const itemResults = ctx.drawnItemIds.map((itemId) => ({ itemId, correct: answers.get(itemId)?.[0]?.correct === true }));
  const correct = itemResults.filter((r) => r.correct).length;
  const total = ctx.drawnItemIds.length;
  const graded = module.draw !== undefined && ctx.audience === 'staff';
  // A staff lesson's knowledge checks are formative: the lesson is completed, never scored.
  const scorePercent = finish && total > 0 && graded ? Math.round((correct / total) * 1000) / 10 : null;
  const passPercent = module.draw?.passPercent ?? DEFAULT_PASS_PERCENT;

  let status: Verdict['status'] = 'in-progress';
  if (finish) status = graded ? (scorePercent !== null && scorePercent >= passPercent ? 'passed' : 'failed') : 'completed';

  const sectionOrder = bundle.sections.map((s) => s.id as string);
  const sectionsToReview =
    status === 'failed'
      ? [...new Set(itemResults.filter((r) => !r.correct).map((r) => items.get(r.itemId)).filter((i): i is Item => i !== undefined).map((i) => itemSection(i) as string))].sort(
          (a, b) => sectionOrder.indexOf(a) - sectionOrder.indexOf(b),
        )
      : [];

  const outcomes: PupilFinish['outcomes'] = [];
  if (ctx.audience === 'pupil') {
    for (const itemId of ctx.drawnItemIds) {
      const list = answers.get(itemId) ?? [];
      if (list.length === 0) continue;
      if (list[0]?.correct) outcomes.push({ itemId, outcome: 'secure', misconception: '' });
      else if (list.some((a) => a.correct)) outcomes.push({ itemId, outcome: 'developing', misconception: '' });
      else outcomes.push({ itemId, outcome: 'misconception', misconception: misconceptionOf(items.get(itemId), list[0]?.neutral ?? '') });
    }
  }

  return {
    verdict: { status, scorePercent, correct, total, sectionsToReview },
    itemResults,
    flags: [...flags],
    outcomes,
  };
}
