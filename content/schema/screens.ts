import { z } from 'zod';
import { ClauseId, EditionLabel, Slug, text } from './ids';
import { Picture } from './pictures';

const clauses = z.array(ClauseId).min(1, { error: 'every screen cites at least one clause it teaches' });
// `reviewed: "1.0"`: the author checked this screen against the wording of edition 1.0 (content:check
// asks for it when a clause the screen cites was reworded or added in the current edition).
const base = { id: Slug, title: text('title').optional(), clauses, reviewed: EditionLabel.optional(), picture: Picture.optional() };

export const TextScreen = z.strictObject({ ...base, kind: z.literal('text'), body: text('body') });

export const KeyPointsScreen = z.strictObject({
  ...base,
  kind: z.literal('keyPoints'),
  body: text('body').optional(),
  points: z.array(text('point')).min(1, { error: 'keyPoints needs at least one point' }),
});

export const WorkedExampleScreen = z.strictObject({
  ...base,
  kind: z.literal('workedExample'),
  situation: text('situation'),
  steps: z.array(text('step')).min(1, { error: 'a worked example needs at least one step' }),
  body: text('body').optional(),
});

export const HelpRoute = z.strictObject({
  situation: text('situation').optional(),
  contact: text('contact'),
  how: text('how').optional(),
  phone: text('phone').optional(),
});
export type HelpRoute = z.infer<typeof HelpRoute>;

export const WhoToTellScreen = z.strictObject({
  ...base,
  kind: z.literal('whoToTell'),
  body: text('body').optional(),
  routes: z.array(HelpRoute).min(1, { error: 'whoToTell needs at least one route' }),
});

// The quoted wording comes from the registry, so it cannot drift from the policy.
export const PolicyExcerptScreen = z.strictObject({
  ...base,
  clauses: clauses.optional(),
  kind: z.literal('policyExcerpt'),
  body: text('body').optional(),
  quote: z.array(ClauseId).min(1, { error: 'policyExcerpt quotes at least one clause id' }),
});

// Reflection never takes free text: a typed worry would be a disclosure stored in a training database.
export const ReflectionScreen = z.strictObject({
  ...base,
  kind: z.literal('reflection'),
  body: text('body'),
  choices: z.array(text('choice')).min(2, { error: 'a reflection offers at least two choices to tick' }),
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
