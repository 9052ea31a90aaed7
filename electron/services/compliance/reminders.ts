import type { IsoDate } from './dates';
import type { LearnerCompliance } from './types';

export type ReminderKind = 'what-changed' | 'reacknowledge' | 'expired' | 'expiring' | 'overdue' | 'due' | 'retrieval-check';

export interface Reminder {
  kind: ReminderKind;
  courseId: string;
  /** Modules the reminder is about (empty for the policy version and the retrieval check). */
  moduleIds: string[];
  /** The date that matters (due date, expiry date, approval date), shown as a date, never a countdown. */
  date: IsoDate | null;
  message: string;
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 2026-12-11 → 11 December 2026 (the ISO date is a calendar date, so it is read as UTC). */
export const formatDate = (iso: IsoDate): string => longDate.format(new Date(`${iso}T00:00:00Z`));

const rules = (n: number): string => (n === 1 ? 'one rule' : `${n} rules`);
/** "2 rules changed and one is new", in words a learner reads at a glance. */
function changes(u: { reworded: number; added: number }): string {
  const parts = [u.reworded > 0 ? `${rules(u.reworded)} changed` : '', u.added > 0 ? (u.reworded > 0 ? `${u.added === 1 ? 'one is' : `${u.added} are`} new` : `${rules(u.added)} ${u.added === 1 ? 'is' : 'are'} new`) : ''];
  return parts.filter(Boolean).join(' and ');
}

const list = (titles: string[]): string =>
  titles.length <= 1 ? (titles[0] ?? '') : `${titles.slice(0, -1).join(', ')} and ${titles.at(-1) ?? ''}`;

/**
 * What a learner is told at sign-in: plain statements with dates. Deliberately no streaks, no
 * "days left" counters and no red alarm words: a calm list of what to do and by when.
 */
export function remindersFor(
  compliance: LearnerCompliance,
  retrievalCheckCourseIds: readonly string[] = [],
  /** Per course, how many of its rules the new edition rewords and adds (its "What changed" update). */
  updates: Readonly<Record<string, { reworded: number; added: number }>> = {},
): Reminder[] {
  const out: Reminder[] = [];
  const { versionLabel, approvedIso, approved } = compliance.policy;
  for (const course of compliance.courses) {
    const items = compliance.items.filter((i) => i.courseId === course.courseId);
    const update = updates[course.courseId];
    if (course.needsReacknowledgement && update && update.reworded + update.added > 0) {
      out.push({
        kind: 'what-changed',
        courseId: course.courseId,
        moduleIds: [],
        date: approvedIso,
        message: `The policy has a new version, ${versionLabel}, approved ${approved}: ${changes(update)}. Your completion stands, so there is no need to take the course again. Read what changed and acknowledge version ${versionLabel}.`,
      });
    } else if (course.needsReacknowledgement) {
      out.push({
        kind: 'reacknowledge',
        courseId: course.courseId,
        moduleIds: [],
        date: approvedIso,
        message: `The policy has a new version, ${versionLabel}, approved ${approved}. You acknowledged version ${course.acknowledgedVersion ?? 'an earlier one'}. Please read the policy and acknowledge version ${versionLabel}.`,
      });
    }
    if (course.state === 'expired' && course.expiresOn) {
      out.push({
        kind: 'expired',
        courseId: course.courseId,
        moduleIds: course.refresherModuleId ? [course.refresherModuleId] : [],
        date: course.expiresOn,
        message: `Your completion of ${course.title} expired on ${formatDate(course.expiresOn)}. The short refresher renews it.`,
      });
    } else if (course.state === 'expiring' && course.expiresOn) {
      out.push({
        kind: 'expiring',
        courseId: course.courseId,
        moduleIds: course.refresherModuleId ? [course.refresherModuleId] : [],
        date: course.expiresOn,
        message: `Your completion of ${course.title} runs until ${formatDate(course.expiresOn)}. The short refresher is open now and renews it for another year.`,
      });
    }
    const open = items.filter((i) => i.kind !== 'refresher' && i.dueDate !== null && i.status !== 'passed' && i.status !== 'completed' && i.status !== 'expiring' && i.status !== 'expired');
    const overdue = open.filter((i) => i.overdue);
    const due = open.filter((i) => !i.overdue);
    if (overdue.length > 0) {
      out.push({
        kind: 'overdue',
        courseId: course.courseId,
        moduleIds: overdue.map((i) => i.moduleId),
        date: overdue[0]?.dueDate ?? null,
        message: `Still to do (it was due on ${formatDate(overdue[0]?.dueDate ?? course.dueDate)}): ${list(overdue.map((i) => i.title))}.`,
      });
    }
    if (due.length > 0) {
      out.push({
        kind: 'due',
        courseId: course.courseId,
        moduleIds: due.map((i) => i.moduleId),
        date: due[0]?.dueDate ?? null,
        message: `To do by ${formatDate(due[0]?.dueDate ?? course.dueDate)}: ${list(due.map((i) => i.title))}.`,
      });
    }
    if (retrievalCheckCourseIds.includes(course.courseId)) {
      out.push({
        kind: 'retrieval-check',
        courseId: course.courseId,
        moduleIds: [],
        date: null,
        message: 'A short check of a few questions is ready: it helps the rules stick and does not change your result.',
      });
    }
  }
  return out;
}
