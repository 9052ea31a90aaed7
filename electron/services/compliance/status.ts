import type { Bundle, Module } from '@content/schema';
import { assignmentsOf, type Assignment } from './assignment';
import { policyApproval } from '../settings';
import { addDays, addMonths, localDate, type IsoDate } from './dates';
import type {
  AcknowledgementFacts,
  AttemptFacts,
  ComplianceSettings,
  CourseCompliance,
  CourseState,
  LearnerCompliance,
  LearnerFacts,
  ModuleCompliance,
  ModuleStatus,
} from './types';

/** The version's approval date: its ISO date for ordering, and its words as every screen shows them. */
const approvalOf = (bundle: Bundle, settings: ComplianceSettings): { approvedIso: IsoDate; approved: string } => {
  const a = policyApproval(bundle.policy, settings);
  return { approvedIso: a.iso, approved: a.text };
};

const finishedAt = (a: AttemptFacts): string => a.finishedAt ?? a.startedAt;
const byFinish = (a: AttemptFacts, b: AttemptFacts): number => finishedAt(a).localeCompare(finishedAt(b));

/** The pass that counts for a course: the latest passed assessment or refresher attempt. */
export function currentPass(attempts: readonly AttemptFacts[], course: { id: string; modules: readonly Module[] }): AttemptFacts | null {
  const graded = new Set(course.modules.filter((m) => m.kind !== 'lesson').map((m) => m.id));
  return latestPass(attempts, course.id, graded);
}

function latestPass(attempts: readonly AttemptFacts[], courseId: string, graded: ReadonlySet<string>): AttemptFacts | null {
  const passes = attempts
    .filter((a) => a.courseId === courseId && graded.has(a.moduleId) && a.status === 'passed' && a.finishedAt !== null)
    .sort(byFinish);
  return passes.at(-1) ?? null;
}

export interface ExpiryFacts {
  passedOn: IsoDate;
  expiresOn: IsoDate;
  /** First day on which the pass counts as expiring (and the refresher is offered). */
  expiringFrom: IsoDate;
  state: 'valid' | 'expiring' | 'expired';
}

/** Expiry of a pass, in ONE place: expired on expiresOn itself; expiring from expiringDays before. */
export function expiryOf(passFinishedAt: string, today: IsoDate, settings: Pick<ComplianceSettings, 'expiryMonths' | 'expiringDays'>): ExpiryFacts {
  const passedOn = localDate(passFinishedAt);
  const expiresOn = addMonths(passedOn, settings.expiryMonths);
  const expiringFrom = addDays(expiresOn, -settings.expiringDays);
  const state = today >= expiresOn ? 'expired' : today >= expiringFrom ? 'expiring' : 'valid';
  return { passedOn, expiresOn, expiringFrom, state };
}

export const dueDateFor = (learner: LearnerFacts, settings: Pick<ComplianceSettings, 'dueDays'>): IsoDate =>
  addDays(localDate(learner.firstSignInAt), settings.dueDays);

/** The attempt's own progress word: the latest attempt decides, except that any pass or completion stays. */
function attemptStatus(attempts: readonly AttemptFacts[], moduleId: string, startedFrom = ''): Exclude<ModuleStatus, 'expired' | 'expiring'> {
  // One pass, nothing allocated (it runs for every module of every person on the dashboard). The
  // latest is the last of the latest-started, as the last of a stable sort by startedAt would be.
  let passed = false;
  let completed = false;
  let latest: AttemptFacts | null = null;
  for (const a of attempts) {
    if (a.moduleId !== moduleId || a.startedAt < startedFrom) continue;
    if (a.status === 'passed') passed = true;
    else if (a.status === 'completed') completed = true;
    if (latest === null || a.startedAt.localeCompare(latest.startedAt) >= 0) latest = a;
  }
  if (passed) return 'passed';
  if (completed) return 'completed';
  if (!latest) return 'not-started';
  return latest.status === 'failed' ? 'failed' : 'in-progress';
}

function courseCompliance(
  a: Assignment,
  learner: LearnerFacts,
  attempts: readonly AttemptFacts[],
  acks: readonly AcknowledgementFacts[],
  settings: ComplianceSettings,
  today: IsoDate,
): { course: CourseCompliance; items: ModuleCompliance[] } {
  const mine = attempts.filter((x) => x.courseId === a.course.id);
  const dueDate = dueDateFor(learner, settings);
  const pass = latestPass(mine, a.course.id, a.graded);
  const expiry = pass ? expiryOf(finishedAt(pass), today, settings) : null;
  const courseAcks = acks.filter((k) => k.courseId === a.course.id).sort((x, y) => x.acknowledgedAt.localeCompare(y.acknowledgedAt));
  const acknowledgedVersion = courseAcks.at(-1)?.policyVersionLabel ?? null;
  const lastAck = courseAcks.at(-1)?.acknowledgedAt;
  const acknowledgedOn = lastAck ? localDate(lastAck) : null;
  const acknowledged = courseAcks.some((k) => k.policyVersionLabel === settings.policyVersionLabel);
  // Only a completion (a pass with an earlier acknowledgement) needs re-acknowledging; a learner who
  // has not acknowledged anything yet simply acknowledges the current version when they pass.
  const needsReacknowledgement = pass !== null && courseAcks.length > 0 && !acknowledged;
  const refresherOffered = a.refresher !== null && expiry !== null && expiry.state !== 'valid';
  const overdueBy = (date: IsoDate | null): boolean => date !== null && today > date;

  let state: CourseState;
  if (expiry && courseAcks.length > 0) {
    state = expiry.state === 'valid' ? 'complete' : expiry.state;
  } else if (expiry && expiry.state === 'expired') {
    state = 'expired';
  } else {
    state = overdueBy(dueDate) ? 'overdue' : mine.length > 0 ? 'in-progress' : 'not-started';
  }

  const items: ModuleCompliance[] = [];
  const row = (m: Module, status: ModuleStatus, due: IsoDate | null, expiresOn: IsoDate | null): ModuleCompliance => ({
    courseId: a.course.id,
    moduleId: m.id,
    title: m.title,
    minutes: m.minutes,
    kind: m.kind,
    status,
    dueDate: due,
    overdue: overdueBy(due),
    expiresOn,
    why: a.role.why,
    refresherOffered: m.kind !== 'lesson' && refresherOffered,
    needsReacknowledgement: m.kind === 'assessment' && needsReacknowledgement,
    acknowledged,
  });

  for (const m of a.modules) {
    if (m.kind === 'assessment' && expiry) {
      const status: ModuleStatus = expiry.state === 'valid' ? 'passed' : expiry.state;
      items.push(row(m, status, expiry.state === 'valid' ? null : expiry.expiresOn, expiry.expiresOn));
      continue;
    }
    const status = attemptStatus(mine, m.id);
    const done = status === 'passed' || status === 'completed';
    // A lesson the learner skipped is no longer due once the assessment is passed: the pass is the
    // completion, and the lesson shows as covered by it (not as "Not started" beside a pass).
    items.push(row(m, m.kind === 'lesson' && pass && (status === 'not-started' || status === 'in-progress') ? 'covered' : status, done || pass ? null : dueDate, null));
  }

  if (refresherOffered && a.refresher && expiry && pass) {
    // Only refresher attempts after the pass that counts say anything about this renewal.
    const status = attemptStatus(mine, a.refresher.id, finishedAt(pass));
    items.push(row(a.refresher, status === 'passed' ? 'passed' : status, expiry.expiresOn, expiry.expiresOn));
  }

  return {
    course: {
      courseId: a.course.id,
      title: a.course.title,
      roleLabel: a.role.label,
      why: a.role.why,
      state,
      dueDate,
      overdue: state === 'overdue' || state === 'expired',
      passedOn: expiry?.passedOn ?? null,
      passAttemptId: pass?.attemptId ?? null,
      expiresOn: expiry?.expiresOn ?? null,
      acknowledgedVersion,
      acknowledgedOn,
      acknowledged,
      needsReacknowledgement,
      refresherOffered,
      refresherModuleId: a.refresher?.id ?? null,
    },
    items,
  };
}

/**
 * A learner's whole compliance picture on `now`: the one computation behind the catalogue, the
 * reminders, the dashboard's figures and every export. Pure: same facts, same answer.
 */
export function complianceFor(
  learner: LearnerFacts,
  attempts: readonly AttemptFacts[],
  acknowledgements: readonly AcknowledgementFacts[],
  bundle: Bundle,
  settings: ComplianceSettings,
  now: Date,
): LearnerCompliance {
  const today = localDate(now);
  const courses: CourseCompliance[] = [];
  const items: ModuleCompliance[] = [];
  for (const a of assignmentsOf(bundle, learner.role)) {
    const r = courseCompliance(a, learner, attempts, acknowledgements, settings, today);
    courses.push(r.course);
    items.push(...r.items);
  }
  return {
    today,
    policy: { versionLabel: settings.policyVersionLabel, ...approvalOf(bundle, settings) },
    courses,
    items,
  };
}
