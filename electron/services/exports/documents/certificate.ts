import type { Bundle } from '../../../../content/schema';
import type { Settings } from '../../../contract/channels/settings';
import { ServiceError } from '../../../contract/result';
import { complianceFor } from '../../compliance/status';
import { localDate } from '../../compliance/dates';
import type { StaffWithRecords } from '../plumbing/types';
import type { PrintDocument } from './model';

const longDate = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A staff member's certificate for one course: only for a current completion (a pass and an
 * acknowledgement), with the same dates the compliance rules give the dashboard and the exports.
 */
export function certificateDocument(r: StaffWithRecords, courseId: string, bundle: Bundle, settings: Settings, now: Date): PrintDocument {
  const course = bundle.courses.find((c) => c.id === courseId && c.audience === 'staff');
  if (!course) throw new ServiceError('not-found', `No staff course "${courseId}"`);
  const c = complianceFor({ role: r.staff.role, firstSignInAt: r.staff.firstSignInAt }, r.attempts, r.acknowledgements, bundle, settings, now);
  const state = c.courses.find((x) => x.courseId === courseId);
  if (!state || !state.passedOn || !state.acknowledgedVersion || (state.state !== 'complete' && state.state !== 'expiring')) {
    throw new ServiceError('conflict', `${r.staff.name} has no current completion of "${course.title}" (a pass and an acknowledgement), so there is no certificate to issue.`);
  }
  const pass = r.attempts.find((a) => a.attemptId === state.passAttemptId);
  const ack = r.acknowledgements.filter((k) => k.courseId === courseId).at(-1);
  return {
    title: `Certificate: ${course.title} – ${r.staff.name}`,
    blocks: [
      { kind: 'title', text: 'Certificate of completion' },
      { kind: 'text', text: `${settings.trustName} certifies that` },
      { kind: 'field', label: 'Name', text: r.staff.name },
      { kind: 'field', label: 'School', text: r.staff.school },
      { kind: 'text', text: `has completed “${course.title}” and acknowledged the Trust’s ${bundle.policy.title}.` },
      { kind: 'field', label: 'Passed on', text: longDate(state.passedOn) },
      { kind: 'field', label: 'Score', text: pass?.scorePercent !== null && pass?.scorePercent !== undefined ? `${Math.round(pass.scorePercent)}%` : '—' },
      { kind: 'field', label: 'Policy version acknowledged', text: ack ? `${ack.policyVersionLabel} on ${longDate(localDate(ack.acknowledgedAt))}` : state.acknowledgedVersion },
      { kind: 'field', label: 'Valid until', text: state.expiresOn ? longDate(state.expiresOn) : '—' },
      {
        kind: 'note',
        text: `Issued on ${longDate(localDate(now))} from the training records kept on this computer. Course content version ${course.contentVersion}; attempt ${state.passAttemptId ?? ''}.`,
      },
    ],
  };
}
