import type { ReadableDb } from '../storage';
import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { complianceFor, type AttemptFacts, type ComplianceSettings, type CourseCompliance, type LearnerCompliance } from '../compliance';
import { acknowledgementsByLearner, decisiveAttempts, staffLearners, type StaffAckRow as AckRow, type StaffRow } from '../records';

/** One staff member's standing, as the lifecycle rules compute it for the catalogue and exports. */
export interface Standing {
  learner: StaffRow;
  compliance: LearnerCompliance;
  /** Worked out once per computation, since every filter and figure reads them. */
  state: CourseCompliance['state'];
  overdue: boolean;
  needsReacknowledgement: boolean;
  /** Name, work email and staff id, lower case, for the search box. */
  searchText: string;
}

/** What one person counts as in the figures: the worst state over their staff courses. */
export function personState(courses: readonly CourseCompliance[]): CourseCompliance['state'] {
  // One overdue course is never hidden by another complete one.
  const order: CourseCompliance['state'][] = ['expired', 'overdue', 'not-started', 'in-progress', 'expiring', 'complete'];
  for (const s of order) if (courses.some((c) => c.state === s)) return s;
  return 'not-started';
}

/** The settings the compliance rules read, picked from the app's settings. */
export const complianceSettingsOf = (s: Settings): ComplianceSettings => ({
  dueDays: s.dueDays,
  expiryMonths: s.expiryMonths,
  expiringDays: s.expiringDays,
  retrievalAfterDays: s.retrievalAfterDays,
  policyVersionLabel: s.policyVersionLabel,
  policyApprovalIso: s.policyApprovalIso,
});

/**
 * Every staff member's standing on `now`: three SELECTs, then the one compliance computation
 * (electron/services/compliance) per person, so the dashboard's overdue and expiring figures are
 * exactly what each learner's catalogue and every export say.
 */
/**
 * Each person's last computed compliance with the facts it came from. Valid only for one set of
 * settings and one day (the caller starts a fresh memo when either changes); then a person whose
 * facts are unchanged since the last computation need not be computed again.
 */
export type StandingMemo = Map<string, { role: string; firstSignInAt: string; attempts: readonly AttemptFacts[]; acks: readonly AckRow[]; compliance: LearnerCompliance }>;

/** Same facts, field by field (compared, not turned into a string: nothing allocated per person). */
function sameFacts(kept: { attempts: readonly AttemptFacts[]; acks: readonly AckRow[] }, attempts: readonly AttemptFacts[], acks: readonly AckRow[]): boolean {
  if (kept.attempts.length !== attempts.length || kept.acks.length !== acks.length) return false;
  for (let i = 0; i < attempts.length; i++) {
    const a = attempts[i];
    const b = kept.attempts[i];
    if (!a || !b || a.attemptId !== b.attemptId || a.status !== b.status || a.startedAt !== b.startedAt || a.finishedAt !== b.finishedAt) return false;
  }
  for (let i = 0; i < acks.length; i++) {
    const a = acks[i];
    const b = kept.acks[i];
    if (!a || !b || a.courseId !== b.courseId || a.policyVersionLabel !== b.policyVersionLabel || a.acknowledgedAt !== b.acknowledgedAt) return false;
  }
  return true;
}

/** A person's standing from their computed compliance (the figures and filters read these fields). */
export function standingFrom(learner: StaffRow, compliance: LearnerCompliance): Standing {
  return {
    learner,
    compliance,
    state: personState(compliance.courses),
    overdue: compliance.courses.some((c) => c.overdue),
    needsReacknowledgement: compliance.courses.some((c) => c.needsReacknowledgement),
    searchText: [learner.name, learner.workEmail ?? '', learner.staffId ?? ''].join('\u0000').toLowerCase(),
  };
}

/**
 * Every standing from scratch, straight from the attempts (three SELECTs): the reference the kept
 * summary (learner_summary, read by StandingsBook) must agree with.
 */
export function computeStandings(db: ReadableDb, bundle: Bundle, settings: Settings, now: Date, memo: StandingMemo = new Map()): Standing[] {
  const learners = staffLearners(db);
  const staffCourses = bundle.courses.filter((c) => c.audience === 'staff').map((c) => c.id);
  const attempts = decisiveAttempts(db, staffCourses);
  const acks = acknowledgementsByLearner(db);
  const rules = complianceSettingsOf(settings);
  const none: never[] = [];
  return learners.map((learner) => {
    const facts: readonly AttemptFacts[] = attempts.get(learner.id) ?? none;
    // An AckRow is an AcknowledgementFacts with the learner's id beside it; the rules ignore that.
    const ackFacts: readonly AckRow[] = acks.get(learner.id) ?? none;
    const kept = memo.get(learner.id);
    const compliance =
      kept && kept.role === learner.role && kept.firstSignInAt === learner.firstSignInAt && sameFacts(kept, facts, ackFacts)
        ? kept.compliance
        : complianceFor({ role: learner.role, firstSignInAt: learner.firstSignInAt }, facts, ackFacts, bundle, rules, now);
    memo.set(learner.id, { role: learner.role, firstSignInAt: learner.firstSignInAt, attempts: facts, acks: ackFacts, compliance });
    return standingFrom(learner, compliance);
  });
}
