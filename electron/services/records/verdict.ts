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
} from '@content/schema';
import type { Cmi } from '@content/scorm';
import type { Verdict } from '@contract/channels/records';
import { fromScormResponse } from '@content/scorm';
import type { PupilFinish } from './entries';
import type { Timeline } from './timeline';

/** Faster than this per decision, by main's clock, a scenario cannot have been read: the answer is not counted as right. */
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
  /** Every answer main received, judged, in index order (the player shows feedback from these). */
  judged: JudgedAnswer[];
}

export function findModule(bundle: Bundle, courseId: string, moduleId: string): { course: BundleCourse; module: Module } | null {
  const course = bundle.courses.find((c) => c.id === courseId);
  const module = course?.modules.find((m) => m.id === moduleId);
  return course && module ? { course, module } : null;
}

/** A module's items (its course's bank and its own questions) by id; built once per module, as every commit asks. */
const itemsOfModule = new WeakMap<Module, Map<string, Item>>();
export function itemsById(course: BundleCourse, module: Module): ReadonlyMap<string, Item> {
  let items = itemsOfModule.get(module);
  if (!items) itemsOfModule.set(module, (items = new Map([...course.bank, ...(module.questions ?? [])].map((i) => [i.id, i]))));
  return items;
}

/** What one answer says by the key alone: its item, its key, its neutral response and whether that is right. */
interface Reading {
  itemId: string;
  key: AnswerKeyEntry | undefined;
  neutral: string;
  right: boolean;
}

/**
 * Readings already worked out, per bundle and version, by interaction id and response. A reading
 * depends on nothing else (the bundle's key does not change), and every commit re-scores all of
 * its attempt's answers, all but the newest read the same way by the commit before. Bounded: the
 * answers come from learners, so the map starts again once it holds READINGS_KEPT.
 */
const readingsOf = new WeakMap<Bundle, Record<Cmi['version'], Map<string, Reading | null>>>();
const READINGS_KEPT = 4096;

/** An answer's reading, or null when its interaction id names no item (kept too). */
function readAnswer(bundle: Bundle, version: Cmi['version'], interactionId: string, response: string): Reading | null {
  let byVersion = readingsOf.get(bundle);
  if (!byVersion) readingsOf.set(bundle, (byVersion = { scorm12: new Map(), scorm2004: new Map() }));
  const kept = byVersion[version];
  // The id's length first, so no two (id, response) pairs make the same text.
  const text = `${interactionId.length}:${interactionId}${response}`;
  const known = kept.get(text);
  if (known !== undefined) return known;
  let itemId: string | null;
  try {
    itemId = parseInteractionId(interactionId).itemId;
  } catch {
    itemId = null;
  }
  let reading: Reading | null = null;
  if (itemId !== null) {
    const key: AnswerKeyEntry | undefined = bundle.answerKey[itemId];
    const neutral = key ? fromScormResponse(version, key.kind, response) : '';
    reading = { itemId, key, neutral, right: key ? scoreResponse(key, neutral) : false };
  }
  if (kept.size >= READINGS_KEPT) kept.clear();
  kept.set(text, reading);
  return reading;
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

/** Why main did not count an answer that matches the key (said to the learner with their feedback). */
export type NotCounted = 'too-fast' | 'before-served' | 'not-first' | 'not-drawn';

/** Main's judgement of one answer, in the order main received them. */
export interface JudgedAnswer {
  index: number;
  itemId: string;
  /** What the answer says, right or wrong by the key alone. */
  right: boolean;
  /** Whether it counts on the record: right, the first answer to a drawn item, in main's time. */
  counted: boolean;
  notCounted: NotCounted | null;
}

/**
 * Main's verdict, from the answers main received and its own clock: each answer is decoded to the
 * neutral response and scored with content/schema `scoreResponse` against the bundle's answer key.
 * Only drawn items count, and only an item's first answer by main's time. For staff, an answer
 * counts only when main saw the item served before it and at least a second per decision passed
 * between the later of that and the previous answer; the latency the cmi claims is never read.
 * What the renderer says about passing (success_status, lesson_status, score, result) is ignored.
 */
export function rescore(bundle: Bundle, ctx: AttemptContext, version: Cmi['version'], timeline: Timeline, finish: boolean): Rescored {
  const found = findModule(bundle, ctx.courseId, ctx.moduleId);
  if (!found) throw new Error(`module ${ctx.courseId}/${ctx.moduleId} is not in this content version`);
  const { course, module } = found;
  const items = itemsById(course, module);
  const drawn = new Set(ctx.drawnItemIds);
  const flags = new Set<string>();
  const answers = new Map<string, { neutral: string; correct: boolean }[]>();
  const judged: JudgedAnswer[] = [];
  const inOrder = [...timeline.answers].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt) || a.index - b.index);
  let previousAt: string | null = null;

  for (const it of inOrder) {
    const since = previousAt;
    previousAt = it.answeredAt;
    const reading = readAnswer(bundle, version, it.interactionId, it.response);
    if (!reading) {
      flags.add('unreadable-interaction-id');
      continue;
    }
    const { itemId, key, neutral, right } = reading;
    if (!drawn.has(itemId) || !key) {
      flags.add('answer-to-an-item-not-drawn');
      judged.push({ index: it.index, itemId, right: false, counted: false, notCounted: 'not-drawn' });
      continue;
    }
    let correct = right;
    let notCounted: NotCounted | null = null;
    const list = answers.get(itemId) ?? [];
    if (list.length > 0) {
      if (ctx.audience === 'staff') flags.add('item-answered-twice');
      notCounted = right ? 'not-first' : null;
    } else if (right && ctx.audience === 'staff' && it.timed) {
      // Only a right answer is timed: a wrong one counts for nothing however it came.
      const served = timeline.served.get(itemId);
      if (served === undefined || served >= it.answeredAt) {
        flags.add('answer-before-item-served');
        notCounted = 'before-served';
        correct = false;
      } else {
        const from = since !== null && since > served ? since : served;
        const decisions = key.kind === 'branching' ? Math.max(1, neutral.split(',').length) : 1;
        if (Date.parse(it.answeredAt) - Date.parse(from) < MIN_PLAUSIBLE_LATENCY_MS * decisions) {
          flags.add('implausibly-fast-answer');
          notCounted = 'too-fast';
          correct = false;
        }
      }
    }
    judged.push({ index: it.index, itemId, right, counted: list.length === 0 && correct, notCounted });
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
    judged: judged.sort((a, b) => a.index - b.index),
  };
}
