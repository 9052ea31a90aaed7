import { z } from 'zod';
import { ACCESS } from '../access';

const Count = z.int().nonnegative();
const Iso = z.string().max(40);
/** Words for the administrator (an LRS's own answer is cut to this length by the sender). */
const Words = z.string().max(8000);

/**
 * What the admin area shows of sending to the Trust's LRS (docs/it-many-pcs.md). Never the key,
 * never the secret: only whether one is kept, and how.
 */
export const LrsStatus = z.strictObject({
  on: z.boolean(),
  endpoint: z.string().max(2000).nullable(),
  /** sealed: kept by the operating system in this PC's data folder; key-file: read from the file set up by IT. */
  credentials: z.enum(['sealed', 'key-file', 'missing']),
  keyFile: z.string().max(1000).nullable(),
  /** Whether this run can seal a secret (the app: yes where the OS offers encryption; the preview: no). */
  canSeal: z.boolean(),
  /** Why sending cannot start as things are set; null when it can, or when it is off. */
  problem: Words.nullable(),
  sending: z.boolean(),
  pending: Count,
  setAsideCount: Count,
  lastSuccessAt: Iso.nullable(),
  lastError: z.strictObject({ at: Iso, message: Words }).nullable(),
  stoppedFor: Words.nullable(),
  /** The newest set aside: whose (their name), which module, when and why. */
  setAside: z.array(z.strictObject({ attemptId: z.string().max(80), at: Iso, reason: Words, name: z.string().nullable(), module: z.string().nullable() })).max(100),
});
export type LrsStatus = z.infer<typeof LrsStatus>;

/** A key or secret as LRSs issue them: printable, no spaces; a key has no colon (key:secret is how they are kept). */
const printable = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f);
const LrsKey = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .refine(printable, 'must have no spaces or control characters')
  .refine((s) => !s.includes(':'), 'must not contain a colon');
const LrsSecret = z.string().trim().min(1, 'must not be empty').max(512, 'must be at most 512 characters').refine(printable, 'must have no spaces or control characters');

/**
 * The administrator's LRS settings. on false: sending off, the sealed key forgotten. on true: the
 * address (checked in main as IT's would be), and a key and secret to seal, both or neither
 * (neither keeps the key this PC already has).
 */
export const LrsConfigureRequest = z.strictObject({
  on: z.boolean(),
  endpoint: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  key: LrsKey.optional(),
  secret: LrsSecret.optional(),
});

export const LrsSyncReport = z.strictObject({
  outcome: z.enum(['done', 'off', 'unreachable', 'refused']),
  sentAttempts: Count,
  sentStatements: Count,
  setAside: Count,
  pending: Count,
  message: Words,
});

export const lrsChannels = {
  /** Sending to the LRS: on or off, where, whether a key is kept, last success, pending, last error. Admin only. */
  'lrs.status': { access: ACCESS.admin, request: z.strictObject({}), reply: LrsStatus },
  /** Turns sending on (address, key and secret sealed by the OS) or off. Admin only. */
  'lrs.configure': { access: ACCESS.admin, request: LrsConfigureRequest, reply: LrsStatus },
  /** "Send now": one run, shared with any run already going; lifts a stop after 401/403. Admin only. */
  'lrs.sendNow': { access: ACCESS.admin, request: z.strictObject({}), reply: z.strictObject({ report: LrsSyncReport, status: LrsStatus }) },
  /** Attempts set aside are tried again at the next send (after correcting what was wrong). Admin only. */
  'lrs.retrySetAside': { access: ACCESS.admin, request: z.strictObject({}), reply: z.strictObject({ retried: Count, status: LrsStatus }) },
} as const;
