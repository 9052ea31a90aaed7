import { z } from 'zod';
import { ACCESS } from '../access';
import { Item, Section } from '@content/schema';
import { CatalogueStatus } from './records';

const Id = z.uuid({ error: 'must be an id the app issued' });
const CourseId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case course id');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One assigned module on the learner's list (electron/services/compliance ModuleCompliance). */
export const ModuleCompliance = z.strictObject({
  courseId: z.string(),
  moduleId: z.string(),
  title: z.string(),
  minutes: z.number(),
  kind: z.enum(['lesson', 'assessment', 'refresher']),
  status: CatalogueStatus,
  dueDate: IsoDate.nullable(),
  overdue: z.boolean(),
  expiresOn: IsoDate.nullable(),
  why: z.string(),
  refresherOffered: z.boolean(),
  needsReacknowledgement: z.boolean(),
  acknowledged: z.boolean(),
});
export type ModuleComplianceReply = z.infer<typeof ModuleCompliance>;

export const CourseCompliance = z.strictObject({
  courseId: z.string(),
  title: z.string(),
  roleLabel: z.string(),
  why: z.string(),
  state: z.enum(['not-started', 'in-progress', 'overdue', 'complete', 'expiring', 'expired']),
  dueDate: IsoDate,
  overdue: z.boolean(),
  passedOn: IsoDate.nullable(),
  passAttemptId: z.string().nullable(),
  expiresOn: IsoDate.nullable(),
  acknowledgedVersion: z.string().nullable(),
  acknowledgedOn: IsoDate.nullable(),
  acknowledged: z.boolean(),
  needsReacknowledgement: z.boolean(),
  refresherOffered: z.boolean(),
  refresherModuleId: z.string().nullable(),
});

export const LearnerCompliance = z.strictObject({
  today: IsoDate,
  policy: z.strictObject({ versionLabel: z.string(), approvedIso: IsoDate, approved: z.string() }),
  courses: z.array(CourseCompliance),
  items: z.array(ModuleCompliance),
});
export type LearnerComplianceReply = z.infer<typeof LearnerCompliance>;

export const Reminder = z.strictObject({
  kind: z.enum(['what-changed', 'reacknowledge', 'expired', 'expiring', 'overdue', 'due', 'retrieval-check']),
  courseId: z.string(),
  moduleIds: z.array(z.string()),
  date: IsoDate.nullable(),
  message: z.string(),
});
export type ReminderReply = z.infer<typeof Reminder>;

/** A retrieval-check question as the learner sees it: no answer in it. */
export const RetrievalItem = z.strictObject({
  itemId: z.string(),
  kind: z.enum(['single', 'trueFalse']),
  stem: z.string(),
  options: z.array(z.strictObject({ id: z.string(), text: z.string() })),
});
export type RetrievalItem = z.infer<typeof RetrievalItem>;

export const RetrievalResult = z.strictObject({
  itemId: z.string(),
  correct: z.boolean(),
  /** The feedback for the answer given (what happens next, why, the clause). */
  feedback: z.string(),
  /** The best answer's text, so a wrong answer is followed by the right one. */
  bestAnswer: z.string(),
});

export const ClauseCount = z.strictObject({
  clauseId: z.string(),
  sectionTitle: z.string(),
  paraphrase: z.string(),
  right: z.int().nonnegative(),
  wrong: z.int().nonnegative(),
});

/** One rule new or reworded in the current edition, in plain words and in the policy's own. */
export const ChangedRule = z.strictObject({
  clauseId: z.string(),
  change: z.enum(['reworded', 'added']),
  sectionId: z.string(),
  sectionTitle: z.string(),
  /** The policy's new wording. */
  wording: z.string(),
  /** The same rule in plain words (the registry's paraphrase). */
  plainWords: z.string(),
});

/** "What changed": everything a member of staff holding a completion needs to take up a new edition. */
export const PolicyUpdateReply = z.strictObject({
  courseTitle: z.string(),
  edition: z.string(),
  approvedIso: IsoDate,
  /** The version the learner acknowledged last. */
  acknowledgedVersion: z.string().nullable(),
  /** The pass that stands (the acknowledgement is recorded against it). */
  passedOn: IsoDate,
  passAttemptId: z.string(),
  rules: z.array(ChangedRule).min(1),
  /** A question on the changed rules where the bank has one (answered for feedback, not recorded). */
  items: z.array(Item).max(5),
  sections: z.array(Section),
  /** The acknowledgement statement naming the new edition (placeholders filled). */
  acknowledgement: z.string(),
});
export type PolicyUpdateReply = z.infer<typeof PolicyUpdateReply>;

export const complianceChannels = {
  /** The signed-in learner's due, overdue, expiring and expired modules, reminders and any check on offer. */
  'compliance.forLearner': {
    access: ACCESS.learner,
    request: z.strictObject({ learnerId: Id }),
    reply: z.strictObject({
      compliance: LearnerCompliance,
      reminders: z.array(Reminder),
      /** The course whose retrieval check is on offer at this sign-in, if any. */
      retrievalCheck: z.strictObject({ courseId: z.string(), passedOn: IsoDate }).nullable(),
      /** Per course, the acknowledgement statement naming the current version (placeholders filled). */
      acknowledgementTexts: z.record(z.string(), z.string()),
    }),
  },
  /** Starts (or resumes) the retrieval check on offer: 3-5 questions; marks it offered. */
  'compliance.retrievalStart': {
    access: ACCESS.learner,
    request: z.strictObject({ learnerId: Id, courseId: CourseId }),
    reply: z.strictObject({ checkId: Id, items: z.array(RetrievalItem).min(1).max(5) }),
  },
  /** Scores the check for the learner's feedback; keeps only per-clause counts across staff. */
  'compliance.retrievalAnswer': {
    access: ACCESS.learner,
    request: z.strictObject({
      learnerId: Id,
      checkId: Id,
      answers: z.array(z.strictObject({ itemId: z.string().max(100), response: z.string().max(20) })).min(1).max(5),
    }),
    reply: z.strictObject({ results: z.array(RetrievalResult) }),
  },
  /** "Not now": the check is not offered again for this pass. */
  'compliance.retrievalDecline': {
    access: ACCESS.learner,
    request: z.strictObject({ learnerId: Id, courseId: CourseId }),
    reply: z.strictObject({ declined: z.literal(true) }),
  },
  /** The "What changed" update of the current edition, for a learner holding a completion of an earlier one. */
  'compliance.whatChanged': {
    access: ACCESS.learner,
    request: z.strictObject({ learnerId: Id, courseId: CourseId }),
    reply: PolicyUpdateReply,
  },
  /** Admin: right/wrong per clause across every retrieval check, hardest first (the DSL's view). */
  'compliance.clauseCounts': { access: ACCESS.admin, request: z.strictObject({}), reply: z.strictObject({ clauses: z.array(ClauseCount), checks: z.int() }) },
} as const;
