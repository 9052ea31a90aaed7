import { z } from 'zod';

const Name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'must not contain control characters');

export const Settings = z.object({
  trustName: Name,
  schools: z
    .array(Name)
    .max(100, 'at most 100 schools')
    .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, 'school names must be unique'),
  /** The policy version label learners acknowledge (the document itself says edition 0.1). */
  policyVersionLabel: z.string().trim().min(1).max(40),
});
export type Settings = z.infer<typeof Settings>;

/** A partial update: only the keys given change; each is validated as above. */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settingsChannels = {
  'settings.get': { request: z.object({}).strict(), reply: Settings },
  'settings.set': { request: SettingsPatch, reply: Settings },
} as const;
