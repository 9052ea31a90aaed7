import { z } from 'zod';
import { ClauseId, OptionId, SectionId, Slug } from './ids';
import { Draw, Module } from './module';
import { Picture } from './pictures';
import { SortGroup } from './items';

/**
 * A scored module's question as main sends it before it is answered (issue 11 item 1): what the
 * learner reads and chooses from, and nothing the key could be read from. Every field that would
 * give the key away is named here as `absent`: zod refuses it when present, and its type
 * (`?: undefined`) makes handing a keyed item where an unkeyed one belongs a compile error.
 * Main reveals the keyed item only in its reply to the commit that recorded the answer.
 */
const absent = z.never().optional();

const common = {
  id: Slug,
  /** Sections and clauses say what an item assesses (results name the sections to review), not its answer. */
  section: SectionId.optional(),
  clauses: z.array(ClauseId).min(1),
  stem: z.string(),
  picture: Picture.optional(),
  /** Marks the item as sent without its key (a keyed item never has this field). */
  unkeyed: z.literal(true),
  tags: absent,
  hint: absent,
  reviewed: absent,
  misconception: absent,
};

export const UnkeyedSingleItem = z.strictObject({
  ...common,
  kind: z.literal('single'),
  options: z.array(z.strictObject({ id: OptionId, text: z.string(), picture: Picture.optional(), correct: absent, feedback: absent, misconception: absent })).min(2),
});

export const UnkeyedTrueFalseItem = z.strictObject({ ...common, kind: z.literal('trueFalse'), answer: absent, feedback: absent });

export const UnkeyedSortItem = z.strictObject({
  ...common,
  kind: z.literal('sort'),
  groups: z.array(SortGroup).min(2),
  cards: z.array(z.strictObject({ id: Slug, text: z.string(), picture: Picture.optional(), group: absent, feedback: absent, misconception: absent })).min(2),
});

/**
 * A decision of a scenario: one that goes on carries its consequence (shown before the next
 * decision); one that ends the scenario says only that it ends: which ending, and what happened,
 * come with the feedback (ending ids can name the best one, e.g. `best`).
 */
const optionBase = { id: OptionId, text: z.string(), feedback: absent, misconception: absent };
export const UnkeyedBranchOption = z.union([
  z.strictObject({ ...optionBase, consequence: z.string(), next: Slug, ending: absent, ends: absent }),
  z.strictObject({ ...optionBase, consequence: absent, next: absent, ending: absent, ends: z.literal(true) }),
]);
export const UnkeyedBranchingItem = z.strictObject({
  ...common,
  kind: z.literal('branching'),
  start: Slug,
  nodes: z.array(z.strictObject({ id: Slug, prompt: z.string(), options: z.array(UnkeyedBranchOption).min(2) })).min(1),
  endings: absent,
});

export const UnkeyedItem = z.discriminatedUnion('kind', [UnkeyedSingleItem, UnkeyedTrueFalseItem, UnkeyedSortItem, UnkeyedBranchingItem]);
export type UnkeyedItem = z.infer<typeof UnkeyedItem>;
export type UnkeyedBranchOption = z.infer<typeof UnkeyedBranchOption>;

/** A scored module as the player gets it: its screens and draw, never questions of its own. */
export const ScoredModule = z.strictObject({
  ...Module.shape,
  kind: z.enum(['assessment', 'refresher']),
  draw: Draw,
  questions: absent,
});
export type ScoredModule = z.infer<typeof ScoredModule>;
