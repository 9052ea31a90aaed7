import type { Bundle } from '@content/schema';
import type { CertificateFacts } from '@contract/channels/exports';
import type { Settings } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import { complianceFor } from '@services/compliance';
import { localDate } from '@services/compliance';
import type { StaffWithRecords } from '../plumbing/types';
import { certificateNumber } from './certificate-number';
import type { PrintDocument } from './model';

const longDate = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const roleLabel = (bundle: Bundle, role: string): string => {
  for (const c of bundle.courses) {
    const label = c.roles?.[role as keyof NonNullable<typeof c.roles>]?.label;
    if (label) return label;
  }
  return role;
};

/**
 * What a certificate says about one pass: who, their school and role, the course in plain words,
 * the pass, the acknowledgement, how long it is valid, and whether it still stands today (the
 * current completion, expired, or replaced by a later pass). `attemptId` picks a pass (a looked-up
 * number); without it, the learner's current completion, refused when there is none.
 */
export function certificateFacts(r: StaffWithRecords, courseId: string, bundle: Bundle, settings: Settings, now: Date, attemptId?: string): CertificateFacts {
  const course = bundle.courses.find((c) => c.id === courseId && c.audience === 'staff');
  if (!course) throw new ServiceError('not-found', `No staff course "${courseId}"`);
  const c = complianceFor({ role: r.staff.role, firstSignInAt: r.staff.firstSignInAt }, r.attempts, r.acknowledgements, bundle, settings, now);
  const state = c.courses.find((x) => x.courseId === courseId);
  const current = Boolean(state?.passedOn && state.acknowledgedVersion && (state.state === 'complete' || state.state === 'expiring'));
  const passId = attemptId ?? (current ? state?.passAttemptId : null);
  const pass = r.attempts.find((a) => a.attemptId === passId && a.status === 'passed' && a.finishedAt);
  if (!pass?.finishedAt) {
    throw new ServiceError('conflict', `${r.staff.name} has no current completion of "${course.title}" (a pass and an acknowledgement), so there is no certificate to issue.`);
  }
  const ack = r.acknowledgements.filter((k) => k.courseId === courseId && k.acknowledgedAt >= pass.startedAt).at(0) ?? r.acknowledgements.filter((k) => k.courseId === courseId).at(-1);
  if (!ack) throw new ServiceError('conflict', `${r.staff.name} never acknowledged the policy after this pass, so it has no certificate.`);
  const isCurrent = state?.passAttemptId === pass.attemptId;
  const standing = isCurrent && current ? 'valid' : isCurrent ? 'expired' : 'replaced';
  const validUntil = isCurrent ? (state?.expiresOn ?? null) : null;
  return {
    number: certificateNumber(pass.attemptId),
    learnerId: r.staff.learnerId,
    name: r.staff.name,
    school: r.staff.school,
    role: roleLabel(bundle, r.staff.role),
    course: `the staff induction on the ${settings.trustName} ${bundle.policy.title} (“${course.title}”)`,
    passedOn: longDate(localDate(pass.finishedAt)),
    score: pass.scorePercent === null ? null : Math.round(pass.scorePercent),
    policyVersion: ack.policyVersionLabel,
    acknowledgedOn: longDate(localDate(ack.acknowledgedAt)),
    validUntil: validUntil ? longDate(validUntil) : null,
    standing,
    standingText:
      standing === 'valid'
        ? `Valid: the current completion${validUntil ? `, until ${longDate(validUntil)}` : ''}.`
        : standing === 'expired'
          ? `Expired${state?.expiresOn ? ` on ${longDate(state.expiresOn)}` : ''}: the refresher is due.`
          : 'Replaced by a later pass, which has its own certificate.',
  };
}

/** The certificate as a printable document (PDF and page): only for a current completion. */
export function certificateDocument(f: CertificateFacts, settings: Settings, now: Date): PrintDocument {
  return {
    title: `Certificate ${f.number}: ${f.name}`,
    frame: true,
    blocks: [
      { kind: 'text', text: settings.trustName },
      { kind: 'title', text: 'Certificate of completion' },
      { kind: 'text', text: 'This certifies that' },
      { kind: 'heading', text: f.name },
      { kind: 'text', text: `${f.role} at ${f.school}` },
      {
        kind: 'text',
        text: `has completed ${f.course}, passing its assessment${f.score === null ? '' : ` with ${f.score}%`} on ${f.passedOn}, and acknowledged version ${f.policyVersion} of the policy${f.acknowledgedOn ? ` on ${f.acknowledgedOn}` : ''}.`,
      },
      { kind: 'field', label: 'Valid until', text: f.validUntil ?? '—' },
      { kind: 'field', label: 'Certificate number', text: f.number },
      {
        kind: 'note',
        text: `Issued on ${longDate(localDate(now))} from the training records kept on this computer. The administrator can check this certificate by its number in the admin area (Exports, Check a certificate).`,
      },
    ],
  };
}
