import { z } from 'zod';
import { CLAUSE_ID_RE, OPTION_ID_RE, SLUG_RE } from './formats';

export { CLAUSE_ID_RE, OPTION_ID_RE, SLUG_RE } from './formats';

export const Slug = z.string().regex(SLUG_RE, { error: 'must be a lower-case slug: a-z, 0-9 and single hyphens' });
export const ClauseId = z
  .string()
  .regex(CLAUSE_ID_RE, { error: 'clause id must look like <section>.<slug>, e.g. reputation.privacy-settings' });
export const OptionId = z.string().regex(OPTION_ID_RE, { error: 'option id must be a single letter a-f' });

// Section ids are the policy's own: the registry lists them (clauses.yaml `sections`), and a new
// edition may add one, so they are checked against the registry rather than fixed here.
export const SectionId = z.string().regex(SLUG_RE, { error: 'section id must be a lower-case slug, e.g. staff-expectations' });
export type SectionId = z.infer<typeof SectionId>;

/** An edition label as the document-control table writes it ("1.0"): quoted, so YAML keeps it text. */
export const EditionLabel = z
  .string({ error: (iss) => (iss.input === undefined ? 'edition is missing' : `edition must be the label in quotes, e.g. "1.0" (found ${String(iss.input)})`) })
  .trim()
  .min(1, { error: 'edition is empty' })
  // The app keeps it as the version label learners acknowledge (at most 40 characters there).
  .max(40, { error: 'edition must be at most 40 characters' });

export const AUDIENCES = ['staff', 'pupil'] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

export const BANDS = ['ks1', 'ks2', 'ks3', 'ks4'] as const;
export const Band = z.enum(BANDS);
export type Band = z.infer<typeof Band>;

export const YEAR_TAGS = ['y3-4', 'y5-6'] as const;
export const YearTag = z.enum(YEAR_TAGS);
export type YearTag = z.infer<typeof YearTag>;

/** A required string that says plainly what is missing. */
export function text(what: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim()
    .min(1, { error: `${what} is empty` });
}

/** A list of ids that must not repeat; the message names the repeated id. */
export function uniqueIds<T extends { id: string }>(list: T[], ctx: z.RefinementCtx, where: (string | number)[], what: string): void {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [...where, i, 'id'], message: `${what} id "${entry.id}" is used twice` });
    seen.add(entry.id);
  });
}
