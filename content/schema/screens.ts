import { z } from 'zod';
import { ClauseId, EditionLabel, Slug, text } from './ids';
import { Picture } from './pictures';

const clauses = z
  .array(ClauseId)
  .min(1, { error: 'every screen cites at least one clause it teaches' })
  .describe('Ids of the policy clauses this screen teaches, from content/policy/clauses.yaml.');
// `reviewed: "1.0"`: the author checked this screen against the wording of edition 1.0 (content:check
// asks for it when a clause the screen cites was reworded or added in the current edition).
const base = {
  id: Slug.describe('Screen id, unique in the module.'),
  title: text('title').optional().describe('The heading of the screen.'),
  clauses,
  reviewed: EditionLabel.optional().describe('The policy edition this screen was last checked against, in quotes, e.g. "1.0".'),
  picture: Picture.optional().describe('Pupil screens: a scene from content/pictures/scenes.yaml.'),
};

export const TextScreen = z.strictObject({ ...base, kind: z.literal('text').describe('A screen of text.'), body: text('body').describe('The text; a blank line starts a new paragraph.') });

export const KeyPointsScreen = z.strictObject({
  ...base,
  kind: z.literal('keyPoints').describe('A short list of the points to remember.'),
  body: text('body').optional().describe('Text before the list.'),
  points: z.array(text('point')).min(1, { error: 'keyPoints needs at least one point' }).describe('The points, one sentence each.'),
});

export const WorkedExampleScreen = z.strictObject({
  ...base,
  kind: z.literal('workedExample').describe('A situation and what to do about it, step by step.'),
  situation: text('situation').describe('The situation, as someone would meet it.'),
  steps: z.array(text('step')).min(1, { error: 'a worked example needs at least one step' }).describe('What to do, in order.'),
  body: text('body').optional().describe('Text after the steps.'),
});

export const HelpRoute = z.strictObject({
  situation: text('situation').optional().describe('When to use this route, e.g. "Someone online asks to meet you".'),
  contact: text('contact').describe('Who to tell, e.g. "the DSL" or "a trusted adult".'),
  how: text('how').optional().describe('How to reach them.'),
  phone: text('phone').optional().describe('A phone number, for routes outside school.'),
});
export type HelpRoute = z.infer<typeof HelpRoute>;

export const WhoToTellScreen = z.strictObject({
  ...base,
  kind: z.literal('whoToTell').describe('Who to tell, and how, for each kind of worry.'),
  body: text('body').optional().describe('Text before the routes.'),
  routes: z.array(HelpRoute).min(1, { error: 'whoToTell needs at least one route' }).describe('The help routes.'),
});

// The quoted wording comes from the registry, so it cannot drift from the policy.
export const PolicyExcerptScreen = z.strictObject({
  ...base,
  clauses: clauses.optional(),
  kind: z.literal('policyExcerpt').describe('The policy\'s own words, quoted from the clause registry.'),
  body: text('body').optional().describe('Text after the quote.'),
  quote: z.array(ClauseId).min(1, { error: 'policyExcerpt quotes at least one clause id' }).describe('Ids of the clauses to quote word for word.'),
});

// Reflection never takes free text: a typed worry would be a disclosure stored in a training database.
export const ReflectionScreen = z.strictObject({
  ...base,
  kind: z.literal('reflection').describe('A question to think about, answered by ticking (never typed: a typed worry would be a disclosure stored in a training database).'),
  body: text('body').describe('The question to think about.'),
  choices: z.array(text('choice')).min(2, { error: 'a reflection offers at least two choices to tick' }).describe('Two or more answers to tick.'),
});

export const SCREEN_KINDS = ['text', 'keyPoints', 'workedExample', 'whoToTell', 'policyExcerpt', 'reflection'] as const;
export const Screen = z.discriminatedUnion(
  'kind',
  [TextScreen, KeyPointsScreen, WorkedExampleScreen, WhoToTellScreen, PolicyExcerptScreen, ReflectionScreen],
  { error: `screen kind must be one of: ${SCREEN_KINDS.join(', ')}` },
);
export type Screen = z.infer<typeof Screen>;
export type ScreenKind = Screen['kind'];
export type TextScreen = z.infer<typeof TextScreen>;
export type KeyPointsScreen = z.infer<typeof KeyPointsScreen>;
export type WorkedExampleScreen = z.infer<typeof WorkedExampleScreen>;
export type WhoToTellScreen = z.infer<typeof WhoToTellScreen>;
export type PolicyExcerptScreen = z.infer<typeof PolicyExcerptScreen>;
export type ReflectionScreen = z.infer<typeof ReflectionScreen>;

export { screenClauses } from './screen-clauses';
