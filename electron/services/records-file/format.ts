import { z } from 'zod';
import { Cmi, ScormVersion, StaffRole } from '@contract/channels/records';

/**
 * The Trust records file: one PC's staff records, to be merged on the HR PC (docs/it-many-pcs.md).
 * UTF-8 JSON lines, so a file of 100,000 attempts is written and read one learner at a time:
 *   line 1      the header (this kind, the format version, the Trust, the source PC, the export time)
 *   lines 2..n  one staff member each, with their attempts and acknowledgements
 *   last line   the end: counts and the SHA-256 of every byte before it
 * Staff only: pupils never appear, and nor do PIN or password hashes (every object is strict, so
 * a file carrying any other field is refused, not half-read).
 */
export const RECORDS_FILE_KIND = 'leap-trust-records';
export const RECORDS_FORMAT_VERSION = 1;
/** No line of a genuine file comes near this (a learner with hundreds of attempts and their cmi). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const Text = (max: number) => z.string().max(max);
const Iso = z.iso.datetime({ offset: true, error: 'must be an ISO date and time' });
const Id = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be an id (letters, digits, . _ : -)');

export const RecordsHeader = z.strictObject({
  kind: z.literal(RECORDS_FILE_KIND),
  formatVersion: z.int().min(1),
  trustName: Text(120).min(1),
  /** The PC the records came from (its name on the network). */
  sourcePc: Text(255).min(1),
  exportedAt: Iso,
  appVersion: Text(40),
});
export type RecordsHeader = z.infer<typeof RecordsHeader>;

export const FileLearner = z.strictObject({
  learnerId: z.uuid(),
  name: Text(200).min(1),
  workEmail: Text(254).min(3).nullable(),
  staffId: Text(100).min(1).nullable(),
  school: Text(120).min(1),
  role: StaffRole,
  firstSignInAt: Iso,
});

export const FileAttempt = z.strictObject({
  attemptId: z.uuid(),
  courseId: Id,
  moduleId: Id,
  contentVersion: Text(40),
  policyVersionLabel: Text(40),
  scormVersion: ScormVersion,
  drawnItemIds: z.array(Id).max(1000),
  startedAt: Iso,
  updatedAt: Iso,
  finishedAt: Iso.nullable(),
  status: z.enum(['in-progress', 'completed', 'passed', 'failed']),
  scorePercent: z.number().min(0).max(100).nullable(),
  correct: z.int().min(0).max(10_000),
  total: z.int().min(0).max(10_000),
  sectionsToReview: z.array(Text(200)).max(1000),
  itemResults: z.array(z.strictObject({ itemId: Id, correct: z.boolean() })).max(1000).nullable(),
  flags: z.array(Text(200)).max(100),
  cmi: Cmi.nullable(),
});
export type FileAttempt = z.infer<typeof FileAttempt>;

export const FileAcknowledgement = z.strictObject({
  courseId: Id,
  attemptId: z.uuid(),
  policyVersionLabel: Text(40),
  contentVersion: Text(40),
  acknowledgedAt: Iso,
});

export const LearnerBlock = z
  .strictObject({
    learner: FileLearner,
    attempts: z.array(FileAttempt).max(100_000),
    acknowledgements: z.array(FileAcknowledgement).max(10_000),
  })
  .superRefine((b, ctx) => {
    if (b.learner.workEmail === null && b.learner.staffId === null) {
      ctx.addIssue({ code: 'custom', path: ['learner'], message: 'a staff member needs a work email or a staff ID' });
    }
    const own = new Set(b.attempts.map((a) => a.attemptId));
    b.acknowledgements.forEach((k, i) => {
      if (!own.has(k.attemptId)) ctx.addIssue({ code: 'custom', path: ['acknowledgements', i, 'attemptId'], message: 'names an attempt this learner does not have' });
    });
  });
export type LearnerBlock = z.infer<typeof LearnerBlock>;

export const RecordsEnd = z.strictObject({
  end: z.strictObject({
    learners: z.int().min(0),
    attempts: z.int().min(0),
    acknowledgements: z.int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type RecordsEnd = z.infer<typeof RecordsEnd>;
