import { z } from 'zod';
import { ACCESS } from '../access';
import { NewPin } from './records';

/** A learner the administrator names (the person page's id: an imported person's id may come from another PC). */
const PersonId = z.string().min(1, 'learnerId is empty').max(80, 'learnerId is too long');

export const PinResetReply = z.strictObject({ learnerId: z.string(), resetAt: z.string() });

export const ErasureReply = z.strictObject({
  erased: z.literal(true),
  attemptsRemoved: z.int().nonnegative(),
  acknowledgementsRemoved: z.int().nonnegative(),
  journalEntriesCleared: z.int().nonnegative(),
  backupsRotateOutWithinDays: z.int().positive(),
  message: z.string(),
});
export type ErasureReply = z.infer<typeof ErasureReply>;

/** What the administrator does to one person from their page: both audited and journalled. */
export const peopleChannels = {
  /** A new PIN for a member of staff who forgot theirs or locked it; the lock and the count go with the old one. */
  'people.resetPin': {
    access: ACCESS.admin,
    request: z
      .strictObject({ learnerId: PersonId, pin: NewPin, pinAgain: z.string().max(8, 'the PIN typed again must be at most 8 digits') })
      .refine((r) => r.pin === r.pinAgain, { message: 'the two PINs typed differ', path: ['pinAgain'] }),
    reply: PinResetReply,
  },
  /**
   * Erases everything held on one person (UK GDPR erasure). The name as shown must be typed back,
   * so a replayed or mistaken call cannot erase someone else.
   */
  'people.erase': {
    access: ACCESS.admin,
    request: z.strictObject({ learnerId: PersonId, confirmName: z.string().min(1, 'type the person’s name to confirm').max(200, 'confirmName is too long') }),
    reply: ErasureReply,
  },
} as const;
