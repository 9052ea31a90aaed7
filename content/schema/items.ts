import { z } from 'zod';
import { ClauseId, EditionLabel, OptionId, SectionId, Slug, text, uniqueIds } from './ids';
import { ITEM_KINDS } from './formats';
import { Picture } from './pictures';

export const TAGS = ['escalate', 'fine'] as const;
export const Tag = z.enum(TAGS);
export type Tag = z.infer<typeof Tag>;

const feedback = z
  .string({ error: (iss) => (iss.input === undefined ? 'option has no feedback' : 'feedback must be text') })
  .trim()
  .min(1, { error: 'option has no feedback (it is empty)' });

const common = {
  id: Slug.describe('Item id: lower-case words joined by hyphens, unique in the course. Records and reports are keyed by it; never reuse one.'),
  section: SectionId.optional().describe('The policy section the item assesses (staff bank items). Left out: the section of its first clause.'),
  clauses: z
    .array(ClauseId)
    .min(1, { error: 'every item cites at least one clause it assesses' })
    .describe('Ids of the policy clauses the item assesses, from content/policy/clauses.yaml, e.g. reputation.privacy-settings.'),
  stem: text('stem').describe('The question as the learner reads it. {trust}, {school} and {policyVersion} are filled in by the app.'),
  tags: z.array(Tag).optional().describe('escalate: the right answer is to tell someone; fine: the situation is acceptable as it is.'),
  hint: text('hint').optional().describe('Pupil items: a nudge shown on request before answering.'),
  /** The edition the author last checked this item against (see screens' `reviewed`). */
  reviewed: EditionLabel.optional().describe('The policy edition this item was last checked against, in quotes, e.g. "1.0".'),
  /** Pupil items: a picture beside the question. */
  picture: Picture.optional().describe('Pupil items: a picture beside the question.'),
};

export const SingleOption = z.strictObject({
  id: OptionId.describe('Option letter, a to f.'),
  text: text('option text').describe('What the option says.'),
  correct: z.boolean().optional().describe('true on exactly one option: the right answer.'),
  feedback: feedback.describe('Shown after this option is chosen: why it is right or wrong, in the policy\'s terms.'),
  misconception: text('misconception').optional().describe('The mistaken belief a learner choosing this wrong option holds (pupil items need one on every wrong option).'),
  picture: Picture.optional(),
});
export type SingleOption = z.infer<typeof SingleOption>;

export const SingleItem = z
  .strictObject({
    ...common,
    kind: z.literal('single').describe('One right option among three or four.'),
    options: z
      .array(SingleOption)
      .min(3, { error: 'a single-choice item needs 3-4 options' })
      .max(4, { error: 'a single-choice item needs 3-4 options' })
      .describe('Three or four options; exactly one has correct: true.'),
  })
  .superRefine((item, ctx) => {
    uniqueIds(item.options, ctx, ['options'], 'option');
    const correct = item.options.filter((o) => o.correct === true).length;
    if (correct !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `exactly one option must be correct: true (found ${correct})` });
  });

export const TrueFalseItem = z.strictObject({
  ...common,
  kind: z.literal('trueFalse').describe('A statement the learner judges true or false.'),
  answer: z.boolean({ error: 'answer must be true or false' }).describe('Whether the statement in the stem is true.'),
  feedback: z
    .strictObject({ true: feedback, false: feedback }, { error: 'feedback needs a true: and a false: entry' })
    .describe('Feedback for each answer: true: and false:.'),
  misconception: text('misconception').optional().describe('The mistaken belief behind the wrong answer.'),
});

export const SortGroup = z.strictObject({ id: Slug.describe('Group id, unique in the item.'), label: text('group label').describe('The group as the learner sees it.') });
export const SortCard = z.strictObject({
  id: Slug.describe('Card id, unique in the item.'),
  text: text('card text').describe('What the card says.'),
  group: Slug.describe('The id of the group this card belongs in.'),
  feedback: feedback.describe('Shown after the sort: why the card belongs in its group.'),
  misconception: text('misconception').optional().describe('The mistaken belief behind putting this card in another group.'),
  picture: Picture.optional(),
});
export const SortItem = z
  .strictObject({
    ...common,
    kind: z.literal('sort').describe('Cards the learner places into groups (a list per card, no dragging).'),
    groups: z.array(SortGroup).min(2, { error: 'a sort item needs at least two groups' }).describe('Two or more groups.'),
    cards: z.array(SortCard).min(2, { error: 'a sort item needs at least two cards' }).describe('Two or more cards, each naming its group.'),
  })
  .superRefine((item, ctx) => {
    uniqueIds(item.groups, ctx, ['groups'], 'group');
    uniqueIds(item.cards, ctx, ['cards'], 'card');
    const groups = new Set(item.groups.map((g) => g.id));
    item.cards.forEach((c, i) => {
      if (!groups.has(c.group)) ctx.addIssue({ code: 'custom', path: ['cards', i, 'group'], message: `card "${c.id}" names group "${c.group}", which is not one of the groups` });
    });
  });

export const BranchOption = z.strictObject({
  id: OptionId.describe('Option letter, a to f.'),
  text: text('option text').describe('What the learner decides to do.'),
  consequence: text('consequence').describe('What happens next because of this decision, shown before the next decision.'),
  feedback: feedback.describe('Why this decision is or is not what the policy asks, shown at the end of the scenario.'),
  next: Slug.optional().describe('The id of the node this decision leads to (give next or ending, not both).'),
  ending: Slug.optional().describe('The id of the ending this decision leads to (give next or ending, not both; never at the first decision).'),
  misconception: text('misconception').optional().describe('The mistaken belief behind this decision.'),
});
export const BranchNode = z.strictObject({
  id: Slug.describe('Node id, unique in the scenario.'),
  prompt: text('prompt').describe('The situation at this point, and the question what to do.'),
  options: z
    .array(BranchOption)
    .min(2, { error: 'a decision node needs at least two options' })
    .max(4, { error: 'a decision node has at most 4 options' })
    .describe('Two to four decisions.'),
});
export const BranchEnding = z.strictObject({
  id: Slug.describe('Ending id, unique in the scenario (never shown).'),
  label: text('ending label').optional().describe('The ending\'s short name as the learner reads it, e.g. "Helped, but late".'),
  text: text('ending text').describe('How the situation ends.'),
  best: z.boolean().optional().describe('true on the ending(s) the policy asks for: a walk to one of these is right.'),
});
export type BranchOption = z.infer<typeof BranchOption>;
export type BranchNode = z.infer<typeof BranchNode>;
export type BranchEnding = z.infer<typeof BranchEnding>;

export const BranchingItem = z
  .strictObject({
    ...common,
    kind: z.literal('branching').describe('A scenario: two or more decisions in a row, each with its consequence, to an ending.'),
    start: Slug.describe('The id of the first decision node.'),
    nodes: z.array(BranchNode).min(2, { error: 'a branching scenario needs at least two decision nodes' }).describe('The decision points; every one reachable from start, no loops.'),
    endings: z.array(BranchEnding).min(1, { error: 'a branching scenario needs at least one ending' }).describe('Where the walks end; at least one is best: true.'),
  })
  .superRefine((item, ctx) => checkBranching(item, ctx));

function checkBranching(item: { start: string; nodes: BranchNode[]; endings: BranchEnding[] }, ctx: z.RefinementCtx): void {
  uniqueIds(item.nodes, ctx, ['nodes'], 'node');
  uniqueIds(item.endings, ctx, ['endings'], 'ending');
  const nodeIndex = new Map(item.nodes.map((n, i) => [n.id, i]));
  const endingIndex = new Map(item.endings.map((e, i) => [e.id, i]));
  if (!nodeIndex.has(item.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: `start "${item.start}" is not a node id` });
  if (!item.endings.some((e) => e.best === true)) ctx.addIssue({ code: 'custom', path: ['endings'], message: 'no ending is marked best: true' });

  item.nodes.forEach((node, ni) => {
    node.options.forEach((opt, oi) => {
      const at = ['nodes', ni, 'options', oi];
      if (opt.next === undefined && opt.ending === undefined) {
        ctx.addIssue({ code: 'custom', path: at, message: `dead end: option "${node.id}.${opt.id}" has neither next nor ending` });
      } else if (opt.next !== undefined && opt.ending !== undefined) {
        ctx.addIssue({ code: 'custom', path: at, message: `option "${node.id}.${opt.id}" has both next and ending; give one` });
      } else if (opt.next !== undefined && !nodeIndex.has(opt.next)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'next'], message: `dead end: next "${opt.next}" is not a node id` });
      } else if (opt.ending !== undefined && !endingIndex.has(opt.ending)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'ending'], message: `dead end: ending "${opt.ending}" is not an ending id` });
      }
      if (node.id === item.start && opt.ending !== undefined) {
        ctx.addIssue({ code: 'custom', path: [...at, 'ending'], message: `option "${node.id}.${opt.id}" ends the scenario at the first decision; every path needs 2+ decision points` });
      }
    });
  });

  // Walk from the start: what is reachable, and does any path loop back on itself?
  const reached = new Set<string>();
  const endingsReached = new Set<string>();
  const onPath = new Set<string>();
  const visit = (id: string): void => {
    const ni = nodeIndex.get(id);
    if (ni === undefined) return;
    const node = item.nodes[ni];
    if (node === undefined) return;
    reached.add(id);
    onPath.add(id);
    node.options.forEach((opt, oi) => {
      if (opt.ending !== undefined) endingsReached.add(opt.ending);
      if (opt.next === undefined) return;
      if (onPath.has(opt.next)) {
        ctx.addIssue({ code: 'custom', path: ['nodes', ni, 'options', oi, 'next'], message: `option "${node.id}.${opt.id}" loops back to node "${opt.next}"; every path must reach an ending` });
      } else if (!reached.has(opt.next)) {
        visit(opt.next);
      }
    });
    onPath.delete(id);
  };
  visit(item.start);
  if (!nodeIndex.has(item.start)) return;
  item.nodes.forEach((n, i) => {
    if (!reached.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `node "${n.id}" is unreachable from start "${item.start}"` });
  });
  item.endings.forEach((e, i) => {
    if (!endingsReached.has(e.id)) ctx.addIssue({ code: 'custom', path: ['endings', i, 'id'], message: `ending "${e.id}" is unreachable: no option leads to it` });
  });
}

export { ITEM_KINDS };
export const Item = z.discriminatedUnion('kind', [SingleItem, TrueFalseItem, SortItem, BranchingItem], {
  error: `item kind must be one of: ${ITEM_KINDS.join(', ')}`,
});
export type Item = z.infer<typeof Item>;
export type ItemKind = Item['kind'];
export type SingleItem = z.infer<typeof SingleItem>;
export type TrueFalseItem = z.infer<typeof TrueFalseItem>;
export type SortItem = z.infer<typeof SortItem>;
export type BranchingItem = z.infer<typeof BranchingItem>;

/** A bank file is a plain list of items. */
export const BankFile = z.array(Item);
