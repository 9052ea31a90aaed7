import { z } from 'zod';
import { text } from './ids';

/** content/facts/age-limits.yaml: platform minimum ages, stated in one place and dated for review. */
export const AgeLimits = z.strictObject({
  checked: z.iso.date({ error: 'checked must be a date, YYYY-MM-DD' }).describe('When the ages were last checked, YYYY-MM-DD.'),
  checkedAgainst: text('checkedAgainst').describe('Where they were checked (the platforms\' own terms).'),
  /** Set by a DSL after confirming every age (UK rules on children's social media are changing). */
  dslSignedOff: z.boolean(),
  platforms: z
    .array(z.strictObject({ name: text('platform name'), minimumAge: z.int().min(0).max(21), note: text('note').optional() }))
    .min(1, { error: 'list at least one platform' }),
});
export type AgeLimits = z.infer<typeof AgeLimits>;
