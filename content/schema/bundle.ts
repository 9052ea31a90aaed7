import { z } from 'zod';
import { AnswerKey } from './answer-key';
import { Audience, Band, Slug, text } from './ids';
import { Item } from './items';
import { Module } from './module';
import { Clause, PolicyMeta, Section } from './policy';
import { Roles, SEMVER_RE } from './course';
import { HelpRoute } from './screens';
import { SceneSvg } from './pictures';

/** One course as the app, the player and the SCORM exporter see it: files resolved, order kept. */
export const BundleCourse = z.strictObject({
  id: Slug,
  title: text('title'),
  audience: Audience,
  band: Band.optional(),
  contentVersion: z.string().regex(SEMVER_RE),
  modules: z.array(Module),
  bank: z.array(Item),
  roles: Roles.optional(),
  acknowledgement: z.string().optional(),
  helpRoutes: z.array(HelpRoute).optional(),
});
export type BundleCourse = z.infer<typeof BundleCourse>;

export const Bundle = z.strictObject({
  // A digest of every source file, so two builds of the same content carry the same version.
  contentVersion: z.string().min(1),
  builtFrom: z.strictObject({ files: z.int().nonnegative() }),
  policy: PolicyMeta,
  sections: z.array(Section),
  clauses: z.array(Clause),
  courses: z.array(BundleCourse),
  answerKey: AnswerKey,
  /** Each scene a lesson uses, compiled to SVG (content/pictures/scenes.yaml). */
  pictures: z.record(Slug, SceneSvg).optional(),
});
export type Bundle = z.infer<typeof Bundle>;
