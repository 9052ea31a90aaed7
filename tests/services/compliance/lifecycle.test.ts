import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBundle } from '@tests/helpers/bundle';
import { staffCompliance } from '@services/compliance';
import { answeredCmi } from './answers';
import { sendHonestly } from '@tests/helpers/honest';
import { asAdmin, setUp, signInStaff, startHarness, type Harness } from './harness';

const bundle = testBundle();
const COURSE = 'staff-induction';
const day = (iso: string): Date => new Date(`${iso}T09:00:00Z`);

let h: Harness;
beforeEach(async () => {
  h = startHarness(day('2026-10-01'));
  await setUp(h, '1');
});
afterEach(() => h.stop());

/** Takes a graded module through the records channels with `right` answers right. */
async function take(learnerId: string, moduleId: string, right: (total: number) => number): Promise<{ attemptId: string; drawnItemIds: string[]; status: string }> {
  const start = await h.ok('attempts.start', { learnerId, courseId: COURSE, moduleId });
  h.now.value = new Date(h.now.value.getTime() + 10 * 60_000);
  const cmi = answeredCmi(bundle, start.drawnItemIds, right(start.drawnItemIds.length));
  const done = await sendHonestly((channel, request) => h.ok(channel, request), h.now, start.attemptId, 1, cmi);
  return { attemptId: start.attemptId, drawnItemIds: start.drawnItemIds, status: done.verdict.status };
}

describe('the compliance cycle through the contract', () => {
  it('assigns, reminds, expires, renews with the refresher, and asks for re-acknowledgement', async () => {
    const learnerId = await signInStaff(h, 'teaching', 'Sam Taylor', 'sam@leap.example');
    const start = await h.ok('compliance.forLearner', { learnerId });
    expect(start.compliance.items.map((i) => i.moduleId)).toEqual(bundle.courses.find((c) => c.id === COURSE)?.roles?.teaching?.modules);
    expect(start.reminders.map((r) => r.kind)).toEqual(['due']);
    expect(start.compliance.courses[0]).toMatchObject({ dueDate: '2026-10-15', state: 'not-started' });

    h.now.value = day('2026-10-16');
    expect((await h.ok('compliance.forLearner', { learnerId })).reminders.map((r) => r.kind)).toEqual(['overdue']);

    // The catalogue (records helper) shows the same computation.
    const catalogue = await h.ok('catalogue.forLearner', { learnerId });
    expect(catalogue.items.find((i) => i.moduleId === 'assessment')).toMatchObject({ status: 'not-started', dueDate: '2026-10-15' });

    const pass = await take(learnerId, 'assessment', (n) => n);
    expect(pass.status).toBe('passed');
    await h.ok('acknowledgements.record', { learnerId, courseId: COURSE, attemptId: pass.attemptId });
    const done = await h.ok('compliance.forLearner', { learnerId });
    expect(done.compliance.courses[0]).toMatchObject({ state: 'complete', passedOn: '2026-10-16', expiresOn: '2027-10-16', acknowledgedVersion: '1' });
    expect(done.reminders).toEqual([]);

    // A new policy version: the completion stands, re-acknowledgement is asked for, both are kept.
    await asAdmin(h);
    await h.ok('settings.set', { policyVersionLabel: '2', policyApprovalIso: '2026-11-01' });
    await h.ok('admin.lock', {});
    await signInStaff(h, 'teaching', 'Jo Evans'); // someone else signs in on the same PC
    const other = await h.call('compliance.forLearner', { learnerId });
    expect(other.ok ? 'ok' : other.error.code).toBe('forbidden'); // only the signed-in learner's own record
    expect(await signInStaff(h, 'teaching', 'Sam Taylor', 'sam@leap.example')).toBe(learnerId);
    const v2 = await h.ok('compliance.forLearner', { learnerId });
    expect(v2.compliance.courses[0]).toMatchObject({ state: 'complete', needsReacknowledgement: true, acknowledgedVersion: '1' });
    expect(v2.reminders.map((r) => r.kind)).toEqual(['reacknowledge']);
    expect(v2.reminders[0]?.message).toContain('1 November 2026');
    expect(v2.acknowledgementTexts[COURSE]).toMatch(/Leading Edge Academies Partnership Social Media Policy, version 2\b/);
    const passAttemptId = v2.compliance.courses[0]?.passAttemptId ?? '';
    expect(await h.ok('acknowledgements.record', { learnerId, courseId: COURSE, attemptId: passAttemptId })).toMatchObject({ policyVersionLabel: '2' });
    const acks = h.started.services.db.prepare('SELECT policy_version_label FROM acknowledgements WHERE learner_id = ? ORDER BY acknowledged_at').all(learnerId);
    expect(acks.map((a) => (a as { policy_version_label: string }).policy_version_label)).toEqual(['1', '2']);
    expect((await h.ok('compliance.forLearner', { learnerId })).compliance.courses[0]?.needsReacknowledgement).toBe(false);

    // Expiring from 30 days before the anniversary: the refresher is offered and renews the pass.
    h.now.value = day('2027-09-15');
    expect((await h.ok('compliance.forLearner', { learnerId })).compliance.courses[0]?.state).toBe('complete');
    const early = await h.call('attempts.start', { learnerId, courseId: COURSE, moduleId: 'refresher' });
    expect(early.ok ? 'ok' : `${early.error.code}: ${early.error.message}`).toBe(
      'conflict: moduleId: the refresher opens when your completion is close to expiry (it expires on 2027-10-16)',
    );
    h.now.value = day('2027-09-16');
    const expiring = await h.ok('compliance.forLearner', { learnerId });
    expect(expiring.compliance.courses[0]).toMatchObject({ state: 'expiring', refresherOffered: true });
    expect(expiring.reminders.map((r) => r.kind)).toEqual(['expiring']);
    expect((await h.ok('catalogue.forLearner', { learnerId })).items.find((i) => i.moduleId === 'assessment')?.status).toBe('expiring');

    h.now.value = day('2027-10-20');
    expect((await h.ok('compliance.forLearner', { learnerId })).compliance.courses[0]?.state).toBe('expired');
    expect((await h.ok('catalogue.forLearner', { learnerId })).items.find((i) => i.moduleId === 'assessment')?.status).toBe('expired');
    const refresher = await take(learnerId, 'refresher', (n) => n);
    expect(refresher.status).toBe('passed');
    expect(refresher.drawnItemIds.filter((id) => pass.drawnItemIds.includes(id))).toEqual([]); // not seen last time
    const renewed = await h.ok('compliance.forLearner', { learnerId });
    expect(renewed.compliance.courses[0]).toMatchObject({ state: 'complete', passedOn: '2027-10-20', expiresOn: '2028-10-20', refresherOffered: false });
    expect(renewed.compliance.items.some((i) => i.kind === 'refresher')).toBe(false);
  });

  it('offers the retrieval check from day 14 once, and keeps only per-clause counts', async () => {
    const learnerId = await signInStaff(h, 'support');
    const pass = await take(learnerId, 'assessment', (n) => n - 2); // two wrong, still a pass
    expect(pass.status).toBe('passed');
    await h.ok('acknowledgements.record', { learnerId, courseId: COURSE, attemptId: pass.attemptId });
    const before = (await h.ok('compliance.forLearner', { learnerId })).compliance.courses[0];

    h.now.value = day('2026-10-14'); // 13 days after the pass
    expect((await h.ok('compliance.forLearner', { learnerId })).retrievalCheck).toBeNull();
    const early = await h.call('compliance.retrievalStart', { learnerId, courseId: COURSE });
    expect(early.ok ? 'ok' : early.error.code).toBe('conflict');

    h.now.value = day('2026-10-15'); // day 14
    const offered = await h.ok('compliance.forLearner', { learnerId });
    expect(offered.retrievalCheck).toEqual({ courseId: COURSE, passedOn: '2026-10-01' });
    expect(offered.reminders.map((r) => r.kind)).toEqual(['retrieval-check']);

    const check = await h.ok('compliance.retrievalStart', { learnerId, courseId: COURSE });
    expect(check.items.length).toBeGreaterThanOrEqual(3);
    expect(check.items.length).toBeLessThanOrEqual(5);
    expect(JSON.stringify(check.items)).not.toMatch(/"correct"|feedback/); // no answers shipped with the questions
    expect((await h.ok('compliance.retrievalStart', { learnerId, courseId: COURSE })).checkId).toBe(check.checkId); // resumable

    const answers = check.items.map((item, n) => {
      const key = bundle.answerKey[item.itemId];
      if (!key || (key.kind !== 'single' && key.kind !== 'trueFalse')) throw new Error(`unexpected item ${item.itemId}`);
      const right = n !== 0;
      const response = key.kind === 'single' ? (right ? key.correct : (item.options.find((o) => o.id !== key.correct)?.id ?? 'a')) : String(right ? key.correct : !key.correct);
      return { itemId: item.itemId, response };
    });
    const { results } = await h.ok('compliance.retrievalAnswer', { learnerId, checkId: check.checkId, answers });
    expect(results.map((r) => r.correct)).toEqual(answers.map((_a, n) => n !== 0));
    expect(results.every((r) => r.feedback.length > 0 && r.bestAnswer.length > 0)).toBe(true);

    // Never affects the pass; offered once; answered twice is refused.
    const after = await h.ok('compliance.forLearner', { learnerId });
    expect(after.compliance.courses[0]).toEqual(before);
    expect(after.retrievalCheck).toBeNull();
    const twice = await h.call('compliance.retrievalAnswer', { learnerId, checkId: check.checkId, answers });
    expect(twice.ok ? 'ok' : twice.error.code).toBe('conflict');

    // What is kept: per-clause counts across staff, for the administrator only; nothing per learner.
    await asAdmin(h);
    const counts = await h.ok('compliance.clauseCounts', {});
    const expected = new Map<string, { right: number; wrong: number }>();
    answers.forEach((a, n) => {
      for (const c of bundle.answerKey[a.itemId]?.clauseIds ?? []) {
        const t = expected.get(c) ?? { right: 0, wrong: 0 };
        expected.set(c, n === 0 ? { ...t, wrong: t.wrong + 1 } : { ...t, right: t.right + 1 });
      }
    });
    expect(counts.checks).toBe(1);
    expect(new Map(counts.clauses.map((c) => [c.clauseId, { right: c.right, wrong: c.wrong }]))).toEqual(expected);
    expect(counts.clauses[0]?.wrong).toBe(1); // hardest first
    const columns = h.started.services.db.prepare('SELECT name FROM pragma_table_info(?)').all('retrieval_offers').map((r) => (r as { name: string }).name);
    expect(columns.some((c) => /right|wrong|correct|score|response/.test(c))).toBe(false);

    await h.ok('admin.lock', {});
    const locked = await h.call('compliance.clauseCounts', {});
    expect(locked.ok ? 'ok' : locked.error.code).toBe('forbidden');
  });

  it('"Not now" declines the check for that pass', async () => {
    const learnerId = await signInStaff(h, 'volunteer');
    const pass = await take(learnerId, 'assessment', (n) => n);
    await h.ok('acknowledgements.record', { learnerId, courseId: COURSE, attemptId: pass.attemptId });
    h.now.value = day('2026-10-20');
    expect((await h.ok('compliance.forLearner', { learnerId })).retrievalCheck).not.toBeNull();
    await h.ok('compliance.retrievalDecline', { learnerId, courseId: COURSE });
    expect((await h.ok('compliance.forLearner', { learnerId })).retrievalCheck).toBeNull();
    await asAdmin(h);
    expect((await h.ok('compliance.clauseCounts', {})).checks).toBe(0);
  });

  it('gives the dashboard the same overdue, expiring and expired figures', async () => {
    h.now.value = day('2025-09-01');
    const who = async (name: string): Promise<string> => signInStaff(h, 'teaching', name, `${name.toLowerCase()}@leap.example`);
    const passAt = async (name: string, date: string, acknowledge = true): Promise<void> => {
      h.now.value = day(date);
      const id = await who(name);
      const pass = await take(id, 'assessment', (n) => n);
      if (acknowledge) await h.ok('acknowledgements.record', { learnerId: id, courseId: COURSE, attemptId: pass.attemptId });
    };
    for (const name of ['Ann', 'Ben', 'Cat', 'Dev', 'Eve']) await who(name);
    await passAt('Ann', '2025-09-05'); // expired on 2026-09-05
    await passAt('Ben', '2025-10-20'); // expiring from 2026-09-20
    await passAt('Cat', '2026-09-20'); // complete
    await passAt('Eve', '2026-09-20', false); // passed, never acknowledged: still overdue
    h.now.value = day('2026-10-01'); // Dev never passed: overdue
    await asAdmin(h);

    const services = h.started.services;
    const mine = staffCompliance(services.db, services.bundle, services.settings.get(), services.clock());
    const state = (name: string): string | undefined => {
      const row = services.db.prepare('SELECT id FROM learners WHERE name = ?').get(name) as { id: string };
      return mine.find((m) => m.learnerId === row.id)?.compliance.courses[0]?.state;
    };
    expect(['Ann', 'Ben', 'Cat', 'Dev', 'Eve'].map(state)).toEqual(['expired', 'expiring', 'complete', 'overdue', 'overdue']);

    const { totals } = await h.ok('dashboard.summary', {});
    const count = (pick: (c: NonNullable<(typeof mine)[number]['compliance']['courses'][number]>) => boolean): number =>
      mine.filter((m) => m.compliance.courses.some(pick)).length;
    expect(totals.staff).toBe(5);
    // The dashboard counts each person once: an expired pass is counted as expired, not also as overdue.
    expect(totals.overdue).toBe(count((c) => c.state === 'overdue'));
    expect(totals.overdue + totals.expired).toBe(count((c) => c.overdue));
    expect(totals.expiring).toBe(count((c) => c.state === 'expiring'));
    expect(totals.expired).toBe(count((c) => c.state === 'expired'));
    expect([totals.expiring, totals.expired]).toEqual([1, 1]);
  });

  it('follows the administrator’s cycle settings, and refuses impossible ones saying which', async () => {
    const learnerId = await signInStaff(h, 'leader');
    expect((await h.ok('compliance.forLearner', { learnerId })).compliance.courses[0]?.dueDate).toBe('2026-10-15');
    await asAdmin(h);
    const bad = await h.call('settings.set', { dueDays: 0, expiryMonths: 12 });
    expect(bad.ok ? 'ok' : bad.error.message).toMatch(/dueDays: .*1/);
    await h.ok('settings.set', { dueDays: 28, expiryMonths: 24 });
    await h.ok('admin.lock', {});
    const id = await signInStaff(h, 'leader', 'Sam Taylor', 'staff-cycle@leap.example');
    expect((await h.ok('compliance.forLearner', { learnerId: id })).compliance.courses[0]?.dueDate).toBe('2026-10-29');
    const pass = await take(id, 'assessment', (n) => n);
    await h.ok('acknowledgements.record', { learnerId: id, courseId: COURSE, attemptId: pass.attemptId });
    expect((await h.ok('compliance.forLearner', { learnerId: id })).compliance.courses[0]?.expiresOn).toBe('2028-10-01');
  });
});
