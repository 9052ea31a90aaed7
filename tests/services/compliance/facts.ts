import type { AcknowledgementFacts, AttemptFacts, ComplianceSettings } from '@services/compliance';

/** Settings as shipped (DEFAULT_SETTINGS), restated so a test names what it depends on. */
export const SETTINGS: ComplianceSettings = {
  dueDays: 14,
  expiryMonths: 12,
  expiringDays: 30,
  retrievalAfterDays: 14,
  policyVersionLabel: '1',
  policyApprovalIso: '2026-09-01',
};

let n = 0;
export function attempt(moduleId: string, status: AttemptFacts['status'], finishedAt: string | null, extra: Partial<AttemptFacts> = {}): AttemptFacts {
  n += 1;
  return {
    attemptId: `att-${n}`,
    courseId: 'staff-induction',
    moduleId,
    status,
    startedAt: finishedAt ? new Date(Date.parse(finishedAt) - 20 * 60_000).toISOString() : '2026-01-01T09:00:00.000Z',
    finishedAt,
    drawnItemIds: [],
    ...extra,
  };
}

export const ack = (a: AttemptFacts, at: string, label: string): AcknowledgementFacts => ({
  courseId: a.courseId,
  attemptId: a.attemptId,
  acknowledgedAt: at,
  policyVersionLabel: label,
});
