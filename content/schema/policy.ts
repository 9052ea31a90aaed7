import { z } from 'zod';
import { Audience, ClauseId, EditionLabel, SectionId, text, uniqueIds } from './ids';

/** The policy's own metadata, exactly as its document-control table states it. */
export const PolicyMeta = z.strictObject({
  title: text('policy title'),
  owner: text('policy owner'),
  edition: EditionLabel,
  approved: text('approval date'),
  approvedIso: z.iso.date({ error: 'approvedIso must be a date like 2023-03-01' }),
  nextReview: text('next review'),
  lastReview: text('last review'),
  source: text('source file'),
});
export type PolicyMeta = z.infer<typeof PolicyMeta>;

export const Section = z.strictObject({ id: SectionId.describe('Section id, e.g. reputation.'), title: text('section title').describe('The section\'s heading in the policy.') });
export type Section = z.infer<typeof Section>;

export const CLAUSE_CHANGES = ['reworded', 'added'] as const;

/** Set by content:policy-adopt on a clause whose wording is new in an edition. */
export const ClauseChange = z.strictObject({ edition: EditionLabel, change: z.enum(CLAUSE_CHANGES) });
export type ClauseChange = z.infer<typeof ClauseChange>;

export const Clause = z.strictObject({
  id: ClauseId.describe('<section>.<slug>, stable: never rename one, add a new id instead.'),
  section: SectionId.describe('The section the clause belongs to.'),
  text: text('clause text').describe('The policy\'s exact words (content:check finds them in the policy text).'),
  paraphrase: text('clause paraphrase').describe('The clause in our own plain words.'),
  audiences: z.array(Audience).min(1, { error: 'a clause needs at least one audience' }).describe('Who the clause is taught to: staff, pupil or both.'),
  changedIn: ClauseChange.optional(),
  /** The edition the author last checked the paraphrase against the wording for. */
  reviewed: EditionLabel.optional(),
});
export type Clause = z.infer<typeof Clause>;

/** A clause an edition took out: its id is never used again, and what it said is kept. */
export const RemovedClause = z.strictObject({ id: ClauseId, edition: EditionLabel, text: text('removed clause text') });
export type RemovedClause = z.infer<typeof RemovedClause>;

export const ClauseRegistry = z
  .strictObject({
    policy: PolicyMeta,
    sections: z.array(Section).min(1),
    clauses: z.array(Clause).min(1),
    removed: z.array(RemovedClause).optional(),
  })
  .superRefine((reg, ctx) => {
    uniqueIds(reg.sections, ctx, ['sections'], 'section');
    uniqueIds(reg.clauses, ctx, ['clauses'], 'clause');
    const sectionIds = new Set(reg.sections.map((s) => s.id));
    const current = new Set(reg.clauses.map((c) => c.id));
    (reg.removed ?? []).forEach((r, i) => {
      if (current.has(r.id)) ctx.addIssue({ code: 'custom', path: ['removed', i, 'id'], message: `clause id "${r.id}" was removed in edition ${r.edition} and cannot be used again; give the clause a new id` });
    });
    reg.clauses.forEach((c, i) => {
      if (!sectionIds.has(c.section)) {
        ctx.addIssue({ code: 'custom', path: ['clauses', i, 'section'], message: `section "${c.section}" is not listed under sections` });
      }
      if (!c.id.startsWith(`${c.section}.`)) {
        ctx.addIssue({ code: 'custom', path: ['clauses', i, 'id'], message: `clause id "${c.id}" must start with its section "${c.section}."` });
      }
    });
  });
export type ClauseRegistry = z.infer<typeof ClauseRegistry>;
