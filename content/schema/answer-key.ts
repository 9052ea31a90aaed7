import { z } from 'zod';
import { ClauseId, OptionId, SectionId, Slug } from './ids';

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

export { deriveAnswerKey, deriveAnswerKeys, itemSection } from './derive-key';
