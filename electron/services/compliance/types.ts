import type { IsoDate } from './dates';

// What the rules need to know about a learner: the records' read side (records/queries/facts.ts)
// defines these shapes and fills them; the rules are pure functions of them and `now`.
export type { AcknowledgementFacts, AttemptFacts, AttemptStatus, LearnerFacts } from '../records';

/** The settings that govern the cycle (docs/compliance.md); all live in settings. */
export interface ComplianceSettings {
  dueDays: number;
  expiryMonths: number;
  expiringDays: number;
  retrievalAfterDays: number;
  policyVersionLabel: string;
  /** Approval date of the version in policyVersionLabel; null = the document's own approval date. */
  policyApprovalIso: string | null;
}

/** The catalogue's status words (docs/interfaces.md `catalogue.forLearner`). */
/** covered: a lesson not taken, cleared by the assessment pass that counts. */
export type ModuleStatus = 'not-started' | 'in-progress' | 'passed' | 'failed' | 'completed' | 'covered' | 'expired' | 'expiring';

export interface ModuleCompliance {
  courseId: string;
  moduleId: string;
  title: string;
  minutes: number;
  kind: 'lesson' | 'assessment' | 'refresher';
  status: ModuleStatus;
  /** The date by which the learner should next act on this module; null when nothing is due. */
  dueDate: IsoDate | null;
  /** True when dueDate has passed (the day after the due date onwards). */
  overdue: boolean;
  /** When the current pass expires (assessment and refresher rows); null otherwise. */
  expiresOn: IsoDate | null;
  /** Why the learner's role takes this module (content data: course.roles[role].why). */
  why: string;
  /** The refresher is on offer (expiring or expired); true on the assessment and the refresher rows. */
  refresherOffered: boolean;
  /** The learner holds a pass but acknowledged an older policy version than the current label. */
  needsReacknowledgement: boolean;
  /** The learner has acknowledged the current policy version for this course. */
  acknowledged: boolean;
}

/**
 * The learner's standing in one course, the one definition HR's figures use:
 * complete = a current pass and an acknowledgement (of any version; needsReacknowledgement says
 * whether it is the current one); overdue = no current completion and the due date has passed.
 */
export type CourseState = 'not-started' | 'in-progress' | 'overdue' | 'complete' | 'expiring' | 'expired';

export interface CourseCompliance {
  courseId: string;
  title: string;
  roleLabel: string;
  why: string;
  state: CourseState;
  dueDate: IsoDate;
  overdue: boolean;
  /** Calendar date of the pass that counts (the latest assessment or refresher pass). */
  passedOn: IsoDate | null;
  /** The attempt of that pass (what a re-acknowledgement is recorded against). */
  passAttemptId: string | null;
  expiresOn: IsoDate | null;
  /** The latest policy version label this learner acknowledged for this course. */
  acknowledgedVersion: string | null;
  /** The calendar date of that acknowledgement. */
  acknowledgedOn: IsoDate | null;
  acknowledged: boolean;
  needsReacknowledgement: boolean;
  refresherOffered: boolean;
  /** The refresher module's id, when the course has one. */
  refresherModuleId: string | null;
}

export interface LearnerCompliance {
  /** Today's date in the Trust's time zone, as the rules saw it. */
  today: IsoDate;
  /** approved: the approval date in the words every screen shows (settings/approval.ts). */
  policy: { versionLabel: string; approvedIso: IsoDate; approved: string };
  courses: CourseCompliance[];
  /** Assigned modules in course order, plus the refresher while it is offered. */
  items: ModuleCompliance[];
}
