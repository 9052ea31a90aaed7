import { z } from 'zod';
import { ACCESS } from '../access';
import { Settings } from './settings';
import { AdminStatus, PasswordInput } from './admin';

export const SetupRequest = z.strictObject({
  trustName: Settings.shape.trustName,
  schools: Settings.shape.schools.refine((l) => l.length > 0, 'list at least one school'),
  policyVersionLabel: Settings.shape.policyVersionLabel,
  adminPassword: PasswordInput,
});
export type SetupRequest = z.infer<typeof SetupRequest>;

export const setupChannels = {
  /** Public: the renderer shows only the set-up screen until this says setUp. */
  'setup.status': { access: ACCESS.public, request: z.strictObject({}), reply: z.strictObject({ setUp: z.boolean() }) },
  /** First-run set-up by screen; refused (`conflict`) once the PC is set up. Leaves the admin area unlocked. */
  'setup.complete': { access: ACCESS.setUpFlow, request: SetupRequest, reply: AdminStatus },
} as const;
