import type { AnswerKey, AnswerKeyEntry, BranchStep } from './answer-key';
import { SLUG_RE } from './formats';
import type { SectionId } from './ids';
import type { Item } from './items';

// Deriving answer keys is plain code over an item (no schema library), so the player inside an
// LMS scores with exactly what main uses, without loading zod.

// Which sections exist is the registry's to say (content:check holds every clause to one of them).
const isSection = (s: string): s is SectionId => SLUG_RE.test(s);

/** The item's section, or the section of its first clause when the author left it out. */
export function itemSection(item: Pick<Item, 'id' | 'section' | 'clauses'>): SectionId {
  if (item.section) return item.section;
  const first = item.clauses[0] ?? '';
  const section = first.slice(0, first.indexOf('.'));
  if (!isSection(section)) throw new Error(`item "${item.id}" cites clause "${first}", whose section "${section}" is not a section of the policy`);
  return section;
}

/** The scoring facts of one item, and nothing a learner could read the answer from in the UI. */
export function deriveAnswerKey(item: Item, courseId?: string): AnswerKeyEntry {
  const base = { itemId: item.id, clauseIds: [...item.clauses], section: itemSection(item), ...(courseId ? { courseId } : {}) };
  switch (item.kind) {
    case 'single': {
      const right = item.options.find((o) => o.correct === true);
      if (!right) throw new Error(`item "${item.id}" has no correct option`);
      return { ...base, kind: 'single', correct: right.id };
    }
    case 'trueFalse':
      return { ...base, kind: 'trueFalse', correct: item.answer };
    case 'sort':
      return { ...base, kind: 'sort', correct: Object.fromEntries(item.cards.map((c) => [c.id, c.group])) };
    case 'branching': {
      const transitions: Record<string, BranchStep> = {};
      for (const node of item.nodes) {
        for (const opt of node.options) {
          transitions[`${node.id}.${opt.id}`] = opt.next !== undefined ? { next: opt.next } : { ending: opt.ending };
        }
      }
      return {
        ...base,
        kind: 'branching',
        correct: item.endings.filter((e) => e.best === true).map((e) => e.id),
        start: item.start,
        transitions,
      };
    }
  }
}

/** Keys for a list of items; a repeated item id is an error because records are keyed by it. */
export function deriveAnswerKeys(items: readonly Item[], courseId?: string): AnswerKey {
  const key: AnswerKey = {};
  for (const item of items) {
    if (key[item.id]) throw new Error(`item id "${item.id}" appears twice; answer keys are keyed by item id`);
    key[item.id] = deriveAnswerKey(item, courseId);
  }
  return key;
}
