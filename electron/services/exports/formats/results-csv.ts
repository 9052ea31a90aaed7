import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { complianceFor } from '@services/compliance';
import { localDate } from '@services/compliance';
import { csvLine } from './cells';
import type { AttemptRecord, StaffWithRecords } from '../plumbing/types';

/** The results CSV's columns, in order (docs/exports.md explains each). */
export const RESULTS_HEADER = [
  'learner_id',
  'name',
  'work_email',
  'staff_id',
  'school',
  'role',
  'course_id',
  'module_id',
  'module_title',
  'status',
  'score_percent',
  'attempts',
  'first_started',
  'last_finished',
  'acknowledged_on',
  'policy_version',
  'due_date',
  'expires_on',
] as const;

const day = (iso: string | null | undefined): string | null => (iso ? localDate(iso) : null);

/** The score that speaks for a module: the latest pass, else the latest finished attempt. */
function scoreOf(own: readonly AttemptRecord[]): number | null {
  const finished = own.filter((a) => a.finishedAt !== null && a.scorePercent !== null);
  const pick = finished.filter((a) => a.status === 'passed').at(-1) ?? finished.at(-1);
  return pick?.scorePercent ?? null;
}

/**
 * One row per staff member and assigned module (plus the refresher while it is offered), with the
 * status the compliance rules give, so these figures match the dashboard and the catalogue.
 */
export function resultRows(r: StaffWithRecords, bundle: Bundle, settings: Settings, now: Date): string[] {
  const c = complianceFor({ role: r.staff.role, firstSignInAt: r.staff.firstSignInAt }, r.attempts, r.acknowledgements, bundle, settings, now);
  const rows: string[] = [];
  for (const item of c.items) {
    const own = r.attempts.filter((a) => a.courseId === item.courseId && a.moduleId === item.moduleId);
    const ack = r.acknowledgements.filter((k) => k.courseId === item.courseId).at(-1) ?? null;
    const lastFinished = own.map((a) => a.finishedAt).filter((f): f is string => f !== null).sort().at(-1) ?? null;
    rows.push(
      csvLine([
        r.staff.learnerId,
        r.staff.name,
        r.staff.workEmail,
        r.staff.staffId,
        r.staff.school,
        r.staff.role,
        item.courseId,
        item.moduleId,
        item.title,
        item.status,
        scoreOf(own),
        own.length,
        day(own[0]?.startedAt),
        day(lastFinished),
        day(ack?.acknowledgedAt),
        ack?.policyVersionLabel ?? null,
        item.dueDate,
        item.expiresOn,
      ]),
    );
  }
  return rows;
}
