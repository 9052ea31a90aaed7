import { z } from 'zod';
import { ACCESS } from '../access';
import { noControl } from '../text';
import { deepFreeze } from '../frozen';
import { BANDS, Item, ROLE_IDS, SLUG_RE } from '@content/schema';
import { cmiProblems, SCORM_VERSIONS, type Cmi as ScormCmi, type ScormVersion as ScormVersionType } from '@content/scorm';

// ---------------------------------------------------------------------------------------------
// CMI as it crosses the contract: content/scorm's Cmi (full element names, flattened, string
// values), every element checked against its version's data model and the standards' limits
// (content/scorm data-model.ts). Collections that are empty (scorm-again's `{}`) are left out.
// ---------------------------------------------------------------------------------------------

/**
 * The schemas of content/scorm's ScormVersion and Cmi. The types are content/scorm's own, named
 * here too so a schema and its type import as one name.
 */
export const ScormVersion = z.enum(SCORM_VERSIONS);
export type ScormVersion = ScormVersionType;

const ELEMENT_NAME_MAX = 255;
const ELEMENT_VALUE_MAX = 64000;
const CmiDataRecord = z.record(z.string().max(ELEMENT_NAME_MAX, 'element names are at most 255 characters'), z.string().max(ELEMENT_VALUE_MAX));

/**
 * Whether `value` is what CmiDataRecord passes unchanged: a plain object whose own keys are all
 * enumerable strings (no `__proto__`) of at most 255 characters, each value a string of at most
 * 64000. Checked in one loop; zod's record runs two schemas per element (about 60 µs a commit
 * of 12 answers, issue 19).
 */
function plainCmiData(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || key === '__proto__' || key.length > ELEMENT_NAME_MAX) return false;
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) return false;
    const v = (value as Record<string, unknown>)[key];
    if (typeof v !== 'string' || v.length > ELEMENT_VALUE_MAX) return false;
  }
  return true;
}

/** The cmi's elements: the plain case checked in one loop; anything else gets zod's record, its issues and its output. */
const CmiData = z.unknown().transform((value, ctx): Record<string, string> => {
  if (plainCmiData(value)) return { ...value };
  const checked = CmiDataRecord.safeParse(value);
  if (checked.success) return checked.data;
  // A value too long does not stop zod's record (the cmi's own rules still run and speak too); anything else does.
  const onlyTooLong = checked.error.issues.every((i) => i.code === 'too_big');
  for (const issue of checked.error.issues) ctx.issues.push({ ...issue, input: value, continue: onlyTooLong } as (typeof ctx.issues)[number]);
  return onlyTooLong ? Object.fromEntries(Object.entries(value as Record<string, string>).filter(([k]) => k !== '__proto__')) : z.NEVER;
});

export const Cmi: z.ZodType<ScormCmi> = z
  .strictObject({
    version: ScormVersion,
    data: CmiData,
  })
  .superRefine((cmi, ctx) => {
    // One pass: every element, the collections' counts and bytes, the commit's bytes (content/scorm limits.ts).
    const problems = cmiProblems(cmi);
    for (const p of problems) ctx.addIssue({ code: 'custom', path: p.key === null ? ['data'] : ['data', p.key], message: p.message });
    if (problems.length === 0) passed.add(cmi);
  });
export type Cmi = ScormCmi;

/**
 * The cmi objects this schema itself produced and found good. A commit's cmi is checked by the
 * dispatcher as part of its request; the records store asks this rather than check the same
 * object again (issue 19 item 2). Nothing from outside main can be in it: what crosses IPC is a
 * new object, and the schema's output is never handed out if any part of the request failed.
 */
const passed = new WeakSet<object>();
export const cmiPassed = (cmi: unknown): boolean => typeof cmi === 'object' && cmi !== null && passed.has(cmi);

// ---------------------------------------------------------------------------------------------
// Learners, attempts, acknowledgements, catalogue, records health.
// ---------------------------------------------------------------------------------------------

const Id = z.string().regex(SLUG_RE, 'must be a lower-case id');
/** Ids main assigns: UUIDs (attempts, learners). */
export const RecordId = z.uuid({ error: 'must be an id the app issued' });

const PersonText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .superRefine(noControl(what));

export const StaffRole = z.enum(ROLE_IDS);
export type StaffRole = z.infer<typeof StaffRole>;
export const PupilBand = z.enum(BANDS);

/** A PIN chosen now (a first sign-in, an administrator's reset): 6 to 8 digits. Main checks it again (records/pin.ts). */
export const NEW_PIN = /^\d{6,8}$/;
export const NewPin = z.string().regex(NEW_PIN, 'a new PIN must be 6 to 8 digits');

export const SignInRequest = z
  .strictObject({
    name: PersonText('name', 120),
    workEmail: z
      .email({ error: 'work email must be an email address' })
      .max(254)
      .transform((e) => e.toLowerCase())
      .optional(),
    staffId: PersonText('staff id', 40)
      .refine((s) => /^[A-Za-z0-9._/-]+$/.test(s), 'staff id may hold letters, digits and . _ / - only')
      .optional(),
    school: PersonText('school', 120),
    role: StaffRole,
    pin: z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits'),
    /** A first sign-in's new PIN typed a second time: the account is created only when they match. */
    pinAgain: z.string().regex(/^\d{4,8}$/, 'the PIN typed again must be 4 to 8 digits').optional(),
    /** "I have signed in here before": refuse (not-found) rather than create an account from a mistyped email. */
    returning: z.boolean().optional(),
  })
  .refine((r) => r.workEmail !== undefined || r.staffId !== undefined, { message: 'give a work email or a staff id', path: ['workEmail'] })
  .refine((r) => r.pinAgain === undefined || r.pinAgain === r.pin, { message: 'the two PINs typed differ', path: ['pinAgain'] })
  // A PIN chosen now (typed twice) has 6 to 8 digits; one chosen before the rule may have 4 or 5 and still signs in.
  .refine((r) => r.pinAgain === undefined || NEW_PIN.test(r.pin), { message: 'a new PIN must be 6 to 8 digits', path: ['pin'] });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const PupilSessionRequest = z.strictObject({
  firstName: PersonText('first name', 40).refine((s) => !/\s\S+\s/.test(s), 'first name only, please'),
  initial: z.string().regex(/^\p{Lu}$/u, 'initial must be one capital letter'),
  className: PersonText('class', 40),
  band: PupilBand,
});
export type PupilSessionRequest = z.infer<typeof PupilSessionRequest>;

export const Verdict = z.strictObject({
  status: z.enum(['in-progress', 'completed', 'passed', 'failed']),
  scorePercent: z.number().min(0).max(100).nullable(),
  correct: z.int().nonnegative(),
  total: z.int().nonnegative(),
  sectionsToReview: z.array(z.string()),
});
export type Verdict = z.infer<typeof Verdict>;

export const CommitRequest = z.strictObject({ attemptId: RecordId, seq: z.int().min(1).max(1_000_000), cmi: Cmi });
export type CommitRequest = z.infer<typeof CommitRequest>;
/**
 * The keyed items main reveals, each checked by the Item schema once, when main fills it for a
 * school (host/handlers/reveal.ts keeps them, frozen), rather than again in every commit's reply.
 * Only `checkedItem`'s own output is in it; anything else in a reply gets the full Item check (so
 * an item that fails it still fails the reply, as an internal error).
 */
const checkedItems = new WeakSet<object>();
export function checkedItem(value: unknown): Item | null {
  const parsed = Item.safeParse(value);
  if (!parsed.success) return null;
  checkedItems.add(parsed.data);
  return parsed.data;
}
const RevealedItem = z.union([z.custom<Item>((v) => typeof v === 'object' && v !== null && checkedItems.has(v)), Item]);

/**
 * Main's judgement of one answer it recorded to a scored module's drawn item, with the item keyed
 * (its right answer and feedback): the player shows the feedback from this, never from a key of its own.
 */
export const JudgedAnswer = z.strictObject({
  /** The interaction index the answer was recorded at. */
  index: z.int().nonnegative(),
  itemId: z.string(),
  /** What the answer says, right or wrong by the key alone. */
  right: z.boolean(),
  /** Whether it counts on the record (the first answer, after the item was served, not too fast). */
  counted: z.boolean(),
  notCounted: z.enum(['too-fast', 'before-served', 'not-first', 'not-drawn']).nullable(),
  item: RevealedItem,
});
export type JudgedAnswer = z.infer<typeof JudgedAnswer>;
/** `judged`: every answer of a scored module main holds so far (none for a lesson, whose questions come keyed). */
const FullCommitReply = z.strictObject({ durable: z.literal(true), verdict: Verdict, judged: z.array(JudgedAnswer) });

/**
 * A commit's reply checked by the full schema while its journal line is flushed (host/handlers/records.ts,
 * inside RecordsStore.commit's wait), then frozen: the dispatcher's check after COMMIT takes it by
 * identity, as `checkedItem` does for items. Anything else gets the full check, so a reply that
 * fails it still fails, as an internal error.
 */
const checkedReplies = new WeakSet<object>();
export function checkedCommitReply(value: unknown): CommitReply | null {
  const parsed = FullCommitReply.safeParse(value);
  if (!parsed.success) return null;
  checkedReplies.add(deepFreeze(parsed.data));
  return parsed.data;
}
export const CommitReply = z.union([z.custom<z.infer<typeof FullCommitReply>>((v) => typeof v === 'object' && v !== null && checkedReplies.has(v)), FullCommitReply]);
export type CommitReply = z.infer<typeof CommitReply>;

export const AttemptStartRequest = z.strictObject({ learnerId: RecordId, moduleId: Id, courseId: Id });
export const AttemptStartReply = z.strictObject({
  attemptId: RecordId,
  resumeCmi: Cmi.nullable(),
  excludeItemIds: z.array(z.string()),
  drawnItemIds: z.array(z.string()),
  scormVersion: ScormVersion,
  /** The sequence number the next commit must carry (1 for a new attempt; after the last one on a resume). */
  nextSeq: z.int().min(1),
});
export type AttemptStartReply = z.infer<typeof AttemptStartReply>;

export const CATALOGUE_STATUSES = ['not-started', 'in-progress', 'passed', 'failed', 'completed', 'covered', 'expired', 'expiring'] as const;
export const CatalogueStatus = z.enum(CATALOGUE_STATUSES);

export const LearnerSummary = z.strictObject({
  learnerId: RecordId,
  kind: z.enum(['staff', 'pupil']),
  displayName: z.string(),
  school: z.string().nullable(),
  role: StaffRole.nullable(),
  className: z.string().nullable(),
  band: PupilBand.nullable(),
});
export type LearnerSummary = z.infer<typeof LearnerSummary>;

export const CatalogueItem = z.strictObject({
  courseId: z.string(),
  moduleId: z.string(),
  title: z.string(),
  minutes: z.number(),
  kind: z.string(),
  status: CatalogueStatus,
  dueDate: z.string().nullable(),
  expiresOn: z.string().nullable(),
  why: z.string(),
  acknowledged: z.boolean(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

/** What the administrator is told about the records store since start-up. */
export const RecordsHealth = z.strictObject({
  ok: z.boolean(),
  integrity: z.string(),
  checkedAt: z.string(),
  /** For the administrator only (as in app.info); null, and file names only below, for anyone else. */
  dataDir: z.string().nullable(),
  schemaVersion: z.int(),
  /** Plain-language events: recovery, journal replay, backups, retention, refused commits. */
  events: z.array(z.strictObject({ at: z.string(), level: z.enum(['info', 'warning', 'error']), message: z.string() })),
  recovery: z
    .strictObject({
      quarantinedAs: z.string(),
      restoredFrom: z.string().nullable(),
      journalEntriesReplayed: z.int().nonnegative(),
      mayBeMissing: z.string(),
    })
    .nullable(),
  lastBackupAt: z.string().nullable(),
  backupsKept: z.int().nonnegative(),
  backupRotationDays: z.int().positive(),
  counts: z.strictObject({ learners: z.int(), attempts: z.int(), commits: z.int(), acknowledgements: z.int() }),
});
export type RecordsHealth = z.infer<typeof RecordsHealth>;

const Empty = z.strictObject({});

export const recordsChannels = {
  'learners.signIn': {
    access: ACCESS.learnerSignIn,
    request: SignInRequest,
    reply: z.strictObject({ learnerId: RecordId, kind: z.literal('staff'), displayName: z.string(), firstSignIn: z.boolean() }),
  },
  'learners.startPupilSession': {
    access: ACCESS.teacherOfPupils,
    request: PupilSessionRequest,
    reply: z.strictObject({ learnerId: RecordId, kind: z.literal('pupil'), displayName: z.string() }),
  },
  'learners.signOut': { access: ACCESS.public, request: Empty, reply: z.strictObject({ signedOut: z.literal(true) }) },
  /** The learner is still at the keyboard (keys, clicks): main's idle time starts again (contract/idle.ts). */
  'learners.stillHere': { access: ACCESS.learner, request: Empty, reply: z.strictObject({ here: z.literal(true) }) },
  /** A pupil is done: the teacher who started the session stays signed in underneath, for the next pupil. */
  'learners.endPupilSession': {
    access: ACCESS.pupil,
    request: Empty,
    reply: z.strictObject({ ended: z.literal(true), supervisor: z.strictObject({ displayName: z.string() }).nullable() }),
  },
  /** The supervising teacher takes the PC back from the pupils with their PIN. */
  'learners.resumeStaff': {
    access: ACCESS.supervisingTeacher,
    request: z.strictObject({ pin: z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits') }),
    reply: z.strictObject({ learnerId: RecordId, kind: z.literal('staff'), displayName: z.string(), firstSignIn: z.boolean() }),
  },
  'attempts.start': { access: ACCESS.learner, request: AttemptStartRequest, reply: AttemptStartReply },
  'attempts.commit': { access: ACCESS.learner, request: CommitRequest, reply: CommitReply },
  'attempts.finish': { access: ACCESS.learner, request: CommitRequest, reply: CommitReply },
  'acknowledgements.record': {
    access: ACCESS.learner,
    request: z.strictObject({ learnerId: RecordId, courseId: Id, attemptId: RecordId }),
    reply: z.strictObject({ acknowledgedAt: z.string(), policyVersionLabel: z.string() }),
  },
  'catalogue.forLearner': {
    access: ACCESS.learner,
    request: z.strictObject({ learnerId: RecordId }),
    reply: z.strictObject({ learner: LearnerSummary, items: z.array(CatalogueItem) }),
  },
  'records.health': { access: ACCESS.public, request: Empty, reply: RecordsHealth },
} as const;
