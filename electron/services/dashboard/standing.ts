import type { DatabaseSync } from 'node:sqlite';
import type { Bundle } from '../../../content/schema';
import type { Settings } from '../../contract/channels/settings';
import { complianceFor, type AttemptFacts, type ComplianceSettings, type CourseCompliance, type LearnerCompliance, type AcknowledgementFacts } from '../compliance';
import { decisiveAttempts, staffAcknowledgements, staffLearners, type StaffRow } from './queries';

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

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

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
export type StandingMemo = Map<string, { facts: string; compliance: LearnerCompliance }>;

export function computeStandings(db: DatabaseSync, bundle: Bundle, settings: Settings, now: Date, memo: StandingMemo = new Map()): Standing[] {
  const learners = staffLearners(db);
  const staffCourses = bundle.courses.filter((c) => c.audience === 'staff').map((c) => c.id);
  const attempts = groupBy(decisiveAttempts(db, staffCourses), (a) => a.learnerId);
  const acks = groupBy(staffAcknowledgements(db), (k) => k.learnerId);
  const rules = complianceSettingsOf(settings);
  const none: never[] = [];
  return learners.map((learner) => {
    const facts: readonly AttemptFacts[] = attempts.get(learner.id) ?? none;
    const ackFacts: AcknowledgementFacts[] = (acks.get(learner.id) ?? none).map((k) => ({
      courseId: k.courseId,
      attemptId: k.attemptId,
      acknowledgedAt: k.acknowledgedAt,
      policyVersionLabel: k.policyVersionLabel,
    }));
    let signature = `${learner.role}|${learner.firstSignInAt}`;
    for (const a of facts) signature += `|${a.attemptId}${a.status}${a.startedAt}${a.finishedAt ?? ''}`;
    for (const k of ackFacts) signature += `|${k.courseId}${k.policyVersionLabel}${k.acknowledgedAt}`;
    const kept = memo.get(learner.id);
    const compliance =
      kept && kept.facts === signature
        ? kept.compliance
        : complianceFor({ role: learner.role, firstSignInAt: learner.firstSignInAt }, facts, ackFacts, bundle, rules, now);
    memo.set(learner.id, { facts: signature, compliance });
    return {
      learner,
      compliance,
      state: personState(compliance.courses),
      overdue: compliance.courses.some((c) => c.overdue),
      needsReacknowledgement: compliance.courses.some((c) => c.needsReacknowledgement),
      searchText: [learner.name, learner.workEmail ?? '', learner.staffId ?? ''].join('\u0000').toLowerCase(),
    };
  });
}
