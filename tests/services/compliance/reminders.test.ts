import { describe, expect, it } from 'vitest';
import { complianceFor, formatDate, remindersFor } from '@services/compliance';
import { testBundle } from '@tests/helpers/bundle';
import { SETTINGS, ack, attempt } from './facts';

const bundle = testBundle();
const learner = { role: 'leader' as const, firstSignInAt: '2026-10-01T08:00:00Z' };
const NAGGING = /streak|days? left|hurry|urgent|only \d|!|countdown/i;

describe('reminders at sign-in', () => {
  it('lists what is due with its date, then what is overdue, without pressure words', () => {
    const due = remindersFor(complianceFor(learner, [], [], bundle, SETTINGS, new Date('2026-10-02T10:00:00Z')));
    expect(due.map((r) => r.kind)).toEqual(['due']);
    expect(due[0]?.message).toContain('15 October 2026');
    const overdue = remindersFor(complianceFor(learner, [], [], bundle, SETTINGS, new Date('2026-10-20T10:00:00Z')));
    expect(overdue.map((r) => r.kind)).toEqual(['overdue']);
    for (const r of [...due, ...overdue]) expect(r.message).not.toMatch(NAGGING);
  });

  it('says when a completion is expiring or expired, and when a new version needs acknowledging', () => {
    const pass = attempt('assessment', 'passed', '2026-10-10T10:00:00Z');
    const acks = [ack(pass, '2026-10-10T10:01:00Z', '1')];
    const expiring = remindersFor(complianceFor(learner, [pass], acks, bundle, SETTINGS, new Date('2027-09-20T10:00:00Z')));
    expect(expiring.map((r) => r.kind)).toEqual(['expiring']);
    expect(expiring[0]).toMatchObject({ date: '2027-10-10', moduleIds: ['refresher'] });
    const expired = remindersFor(complianceFor(learner, [pass], acks, bundle, SETTINGS, new Date('2027-10-10T10:00:00Z')));
    expect(expired.map((r) => r.kind)).toEqual(['expired']);
    const v2 = remindersFor(complianceFor(learner, [pass], acks, bundle, { ...SETTINGS, policyVersionLabel: '2', policyApprovalIso: '2026-11-01' }, new Date('2026-11-02T10:00:00Z')));
    expect(v2.map((r) => r.kind)).toEqual(['reacknowledge']);
    expect(v2[0]?.message).toContain('1 November 2026');
    for (const r of [...expiring, ...expired, ...v2]) expect(r.message).not.toMatch(NAGGING);
  });

  it('has nothing to say to a learner who is up to date, and offers the check when asked to', () => {
    const pass = attempt('assessment', 'passed', '2026-10-10T10:00:00Z');
    const c = complianceFor(learner, [pass], [ack(pass, '2026-10-10T10:01:00Z', '1')], bundle, SETTINGS, new Date('2026-10-30T10:00:00Z'));
    expect(remindersFor(c)).toEqual([]);
    expect(remindersFor(c, ['staff-induction']).map((r) => r.kind)).toEqual(['retrieval-check']);
    expect(formatDate('2027-03-01')).toBe('1 March 2027');
  });
});
