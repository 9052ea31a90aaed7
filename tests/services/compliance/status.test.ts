import { describe, expect, it } from 'vitest';
import { ROLE_IDS } from '@content/schema';
import { complianceFor, type LearnerFacts } from '@services/compliance';
import { testBundle } from '@tests/helpers/bundle';
import { SETTINGS, ack, attempt } from './facts';

const bundle = testBundle();
const staff = bundle.courses.find((c) => c.id === 'staff-induction');
if (!staff?.roles) throw new Error('the staff course with roles is missing from the bundle');
const roles = staff.roles;

const learner = (role: LearnerFacts['role'] = 'teaching'): LearnerFacts => ({ role, firstSignInAt: '2026-10-01T08:15:00.000Z' });
const at = (iso: string): Date => new Date(iso);

describe('assignment per role', () => {
  it.each(ROLE_IDS)('%s sees exactly the modules course.yaml assigns, in course order, with its why', (role) => {
    const c = complianceFor(learner(role), [], [], bundle, SETTINGS, at('2026-10-02T10:00:00Z'));
    const expected = roles[role]?.modules ?? [];
    const courseOrder = staff.modules.map((m) => m.id).filter((id) => expected.includes(id));
    expect(c.items.map((i) => i.moduleId)).toEqual(courseOrder);
    expect(new Set(c.items.map((i) => i.why))).toEqual(new Set([roles[role]?.why]));
    expect(c.items.every((i) => i.status === 'not-started')).toBe(true);
    expect(c.items.some((i) => i.kind === 'refresher')).toBe(false);
  });

  it('gives account runners the in-depth modules and volunteers the personal-use and photo rules', () => {
    const runner = complianceFor(learner('account-runner'), [], [], bundle, SETTINGS, at('2026-10-02T10:00:00Z')).items.map((i) => i.moduleId);
    expect(runner).toEqual(expect.arrayContaining(['official-accounts', 'new-accounts', 'tone']));
    const volunteer = complianceFor(learner('volunteer'), [], [], bundle, SETTINGS, at('2026-10-02T10:00:00Z')).items.map((i) => i.moduleId);
    expect(volunteer).toEqual(expect.arrayContaining(['personal-use', 'photos-consent']));
    expect(volunteer).not.toContain('new-accounts');
  });

  it('refuses a role list that names a module the course lacks, naming both', () => {
    const broken = structuredClone(bundle);
    const course = broken.courses.find((c) => c.id === 'staff-induction');
    course?.roles?.teaching?.modules.push('no-such-module');
    expect(() => complianceFor(learner(), [], [], broken, SETTINGS, at('2026-10-02T10:00:00Z'))).toThrow(/teaching.*no-such-module/);
  });
});

describe('due and overdue', () => {
  it('is due first sign-in + dueDays, overdue from the day after, and the setting moves it', () => {
    const onDueDay = complianceFor(learner(), [], [], bundle, SETTINGS, at('2026-10-15T16:00:00Z'));
    expect(onDueDay.items.every((i) => i.dueDate === '2026-10-15' && !i.overdue)).toBe(true);
    expect(onDueDay.courses[0]?.state).toBe('not-started');

    const dayAfter = complianceFor(learner(), [], [], bundle, SETTINGS, at('2026-10-16T07:00:00Z'));
    expect(dayAfter.items.every((i) => i.overdue)).toBe(true);
    expect(dayAfter.courses[0]?.state).toBe('overdue');

    const longer = complianceFor(learner(), [], [], bundle, { ...SETTINGS, dueDays: 28 }, at('2026-10-16T07:00:00Z'));
    expect(longer.items.every((i) => i.dueDate === '2026-10-29' && !i.overdue)).toBe(true);
  });

  it('takes done modules off the due list, and a pass with acknowledgement completes the course', () => {
    const lesson = attempt('personal-use', 'completed', '2026-10-03T10:00:00Z');
    const partial = complianceFor(learner(), [lesson], [], bundle, SETTINGS, at('2026-10-20T10:00:00Z'));
    const row = partial.items.find((i) => i.moduleId === 'personal-use');
    expect(row).toMatchObject({ status: 'completed', dueDate: null, overdue: false });
    expect(partial.items.filter((i) => i.overdue).length).toBe(partial.items.length - 1);

    const pass = attempt('assessment', 'passed', '2026-10-21T10:00:00Z');
    const done = complianceFor(learner(), [lesson, pass], [ack(pass, '2026-10-21T10:01:00Z', '1')], bundle, SETTINGS, at('2026-10-22T10:00:00Z'));
    expect(done.courses[0]).toMatchObject({ state: 'complete', overdue: false, passedOn: '2026-10-21', acknowledged: true });
    expect(done.items.some((i) => i.overdue)).toBe(false);
  });

  it('shows lessons skipped or left unfinished as covered by the pass, never "not started" beside it', () => {
    const taken = attempt('personal-use', 'completed', '2026-10-03T10:00:00Z');
    const unfinished = attempt('contact', 'in-progress', '2026-10-04T10:00:00Z');
    const before = complianceFor(learner(), [taken, unfinished], [], bundle, SETTINGS, at('2026-10-05T10:00:00Z'));
    expect(before.items.some((i) => i.status === 'covered')).toBe(false);
    const pass = attempt('assessment', 'passed', '2026-10-21T10:00:00Z');
    const after = complianceFor(learner(), [taken, unfinished, pass], [ack(pass, '2026-10-21T10:01:00Z', '1')], bundle, SETTINGS, at('2026-10-22T10:00:00Z'));
    const status = Object.fromEntries(after.items.map((i) => [i.moduleId, i.status]));
    expect(status).toMatchObject({ 'personal-use': 'completed', contact: 'covered', 'introduction-scope': 'covered', assessment: 'passed' });
    expect(Object.values(status)).not.toContain('not-started');
    expect(after.items.filter((i) => i.status === 'covered').every((i) => i.dueDate === null && !i.overdue)).toBe(true);
  });

  it('a pass without an acknowledgement is not yet a completion', () => {
    const pass = attempt('assessment', 'passed', '2026-10-21T10:00:00Z');
    const c = complianceFor(learner(), [pass], [], bundle, SETTINGS, at('2026-10-22T10:00:00Z'));
    expect(c.courses[0]?.state).toBe('overdue');
    expect(c.courses[0]?.acknowledged).toBe(false);
  });

  it('a failed assessment stays failed and due until a pass', () => {
    const failed = attempt('assessment', 'failed', '2026-10-05T10:00:00Z');
    const c = complianceFor(learner(), [failed], [], bundle, SETTINGS, at('2026-10-06T10:00:00Z'));
    expect(c.items.find((i) => i.moduleId === 'assessment')).toMatchObject({ status: 'failed', dueDate: '2026-10-15' });
    expect(c.courses[0]?.state).toBe('in-progress');
  });
});

describe('expiry at 12 months and the refresher', () => {
  const pass = attempt('assessment', 'passed', '2026-03-14T11:00:00Z');
  const acks = [ack(pass, '2026-03-14T11:01:00Z', '1')];
  const l: LearnerFacts = { role: 'teaching', firstSignInAt: '2026-03-01T09:00:00Z' };

  it('is valid until 30 days before, expiring from then, expired on the anniversary', () => {
    const valid = complianceFor(l, [pass], acks, bundle, SETTINGS, at('2027-02-11T12:00:00Z'));
    expect(valid.courses[0]).toMatchObject({ state: 'complete', expiresOn: '2027-03-14', refresherOffered: false });
    expect(valid.items.some((i) => i.kind === 'refresher')).toBe(false);

    const expiring = complianceFor(l, [pass], acks, bundle, SETTINGS, at('2027-02-12T12:00:00Z'));
    expect(expiring.courses[0]).toMatchObject({ state: 'expiring', refresherOffered: true });
    expect(expiring.items.find((i) => i.moduleId === 'assessment')).toMatchObject({ status: 'expiring', expiresOn: '2027-03-14', dueDate: '2027-03-14', overdue: false });
    expect(expiring.items.find((i) => i.kind === 'refresher')).toMatchObject({ status: 'not-started', dueDate: '2027-03-14' });

    const dayBefore = complianceFor(l, [pass], acks, bundle, SETTINGS, at('2027-03-13T23:00:00Z')); // 23:00 GMT, still the 13th
    expect(dayBefore.courses[0]?.state).toBe('expiring');
    const expired = complianceFor(l, [pass], acks, bundle, SETTINGS, at('2027-03-14T00:30:00Z'));
    expect(expired.courses[0]).toMatchObject({ state: 'expired', overdue: true, refresherOffered: true });
    expect(expired.items.find((i) => i.moduleId === 'assessment')?.status).toBe('expired');
  });

  it('follows the expiry and warning settings', () => {
    const short = complianceFor(l, [pass], acks, bundle, { ...SETTINGS, expiryMonths: 24, expiringDays: 60 }, at('2028-01-13T12:00:00Z')); // 61 days before (2028 is a leap year)
    expect(short.courses[0]).toMatchObject({ state: 'complete', expiresOn: '2028-03-14' });
    const warned = complianceFor(l, [pass], acks, bundle, { ...SETTINGS, expiryMonths: 24, expiringDays: 60 }, at('2028-01-14T12:00:00Z'));
    expect(warned.courses[0]?.state).toBe('expiring');
  });

  it('passing the refresher renews the completion for another 12 months', () => {
    const failedRefresher = attempt('refresher', 'failed', '2027-03-20T10:00:00Z');
    const stillExpired = complianceFor(l, [pass, failedRefresher], acks, bundle, SETTINGS, at('2027-03-21T10:00:00Z'));
    expect(stillExpired.items.find((i) => i.kind === 'refresher')?.status).toBe('failed');
    expect(stillExpired.courses[0]?.state).toBe('expired');

    const refresher = attempt('refresher', 'passed', '2027-03-22T10:00:00Z');
    const renewed = complianceFor(l, [pass, failedRefresher, refresher], acks, bundle, SETTINGS, at('2027-03-23T10:00:00Z'));
    expect(renewed.courses[0]).toMatchObject({ state: 'complete', passedOn: '2027-03-22', expiresOn: '2028-03-22', refresherOffered: false, passAttemptId: refresher.attemptId });
    expect(renewed.items.find((i) => i.moduleId === 'assessment')).toMatchObject({ status: 'passed', expiresOn: '2028-03-22', dueDate: null });
    expect(renewed.items.some((i) => i.kind === 'refresher')).toBe(false);
  });
});

describe('re-acknowledgement after a policy version change', () => {
  const pass = attempt('assessment', 'passed', '2026-10-10T11:00:00Z');
  const first = ack(pass, '2026-10-10T11:01:00Z', '1');
  const now = at('2026-11-05T10:00:00Z');

  it('is needed once the label changes, keeps the completion, and ends when the new version is acknowledged', () => {
    const v2 = { ...SETTINGS, policyVersionLabel: '2', policyApprovalIso: '2026-11-01' };
    const before = complianceFor(learner(), [pass], [first], bundle, SETTINGS, now);
    expect(before.courses[0]).toMatchObject({ needsReacknowledgement: false, acknowledged: true });

    const after = complianceFor(learner(), [pass], [first], bundle, v2, now);
    expect(after.courses[0]).toMatchObject({ state: 'complete', needsReacknowledgement: true, acknowledged: false, acknowledgedVersion: '1' });
    expect(after.items.find((i) => i.moduleId === 'assessment')?.needsReacknowledgement).toBe(true);
    expect(after.policy).toEqual({ versionLabel: '2', approvedIso: '2026-11-01', approved: '1 November 2026' });

    const second = ack(pass, '2026-11-05T10:05:00Z', '2');
    const both = complianceFor(learner(), [pass], [first, second], bundle, v2, now);
    expect(both.courses[0]).toMatchObject({ needsReacknowledgement: false, acknowledged: true, acknowledgedVersion: '2' });
  });

  it('falls back to the document approval date when none is set', () => {
    const c = complianceFor(learner(), [], [], bundle, { ...SETTINGS, policyApprovalIso: null }, now);
    expect(c.policy.approvedIso).toBe(bundle.policy.approvedIso);
  });
});
