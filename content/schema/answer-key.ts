import { z } from 'zod';
import { ClauseId, OptionId, SectionId, Slug } from './ids';
import type { Item } from './items';

const keyBase = { itemId: Slug, courseId: Slug.optional(), clauseIds: z.array(ClauseId).min(1), section: SectionId };

/** Where a branching option leads: one more node, or an ending. */
export const BranchStep = z.strictObject({ next: Slug.optional(), ending: Slug.optional() });
export type BranchStep = z.infer<typeof BranchStep>;

export const AnswerKeyEntry = z.discriminatedUnion('kind', [
  z.strictObject({ ...keyBase, kind: z.literal('single'), correct: OptionId }),
  z.strictObject({ ...keyBase, kind: z.literal('trueFalse'), correct: z.boolean() }),
  z.strictObject({ ...keyBase, kind: z.literal('sort'), correct: z.record(Slug, Slug) }),
  // Branching is right when the learner's path ends in a best ending; the transitions let any
  // re-scorer walk the recorded path without the full scenario text.
  z.strictObject({
    ...keyBase,
    kind: z.literal('branching'),
    correct: z.array(Slug).min(1),
    start: Slug,
    transitions: z.record(z.string(), BranchStep),
  }),
]);
export type AnswerKeyEntry = z.infer<typeof AnswerKeyEntry>;
export const AnswerKey = z.record(Slug, AnswerKeyEntry);
export type AnswerKey = z.infer<typeof AnswerKey>;

/** The item's section, or the section of its first clause when the author left it out. */
export function itemSection(item: Item): z.infer<typeof SectionId> {
  if (item.section) return item.section;
  const first = item.clauses[0] ?? '';
  return SectionId.parse(first.slice(0, first.indexOf('.')));
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
