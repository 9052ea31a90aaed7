import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleCourse } from '@content/schema';
import { editionBundle } from '@tests/helpers/edition-bundle';
import { answeredCmi } from './answers';
import { sendHonestly } from '@tests/helpers/honest';
import { ADMIN_PASSWORD, asAdmin, setUp, signInStaff, startHarness, type Harness } from './harness';

// Issue 18 item 3 through the contract: the app opens its records with content that carries
// edition 1.0 of the policy (tests/fixtures/policy/edition-1.0.txt, adopted in a copy).
const COURSE = 'staff-induction';
const day = (iso: string): Date => new Date(`${iso}T09:00:00Z`);
const edition = editionBundle();
const course = edition.courses.find((c) => c.id === COURSE) as BundleCourse;

/** What the lessons of a role teach, read from course.yaml's roles and the screens (not by the code under test). */
function taughtTo(role: string): Set<string> {
  const modules = course.roles?.[role as 'teaching']?.modules ?? [];
  return new Set(course.modules.filter((m) => m.kind === 'lesson' && modules.includes(m.id)).flatMap((m) => m.screens.flatMap((s) => [...(s.clauses ?? []), ...(s.kind === 'policyExcerpt' ? s.quote : [])])));
}

let harnesses: Harness[] = [];
afterEach(() => {
  for (const h of harnesses.reverse()) h.close();
  harnesses = [];
});

/** A Trust on edition 0.1: Sam passes and acknowledges, Jo has only started. Then the app is updated. */
async function trustThenNewEdition(): Promise<{ h: Harness; sam: string; jo: string; pass: string }> {
  const before = startHarness(day('2026-10-01'));
  harnesses.push(before);
  await setUp(before, '0.1');
  const sam = await signInStaff(before, 'teaching', 'Sam Taylor', 'sam@leap.example');
  const start = await before.ok('attempts.start', { learnerId: sam, courseId: COURSE, moduleId: 'assessment' });
  before.now.value = day('2026-10-02');
  const done = await sendHonestly((channel, request) => before.ok(channel, request), before.now, start.attemptId, 1, answeredCmi(edition, start.drawnItemIds, start.drawnItemIds.length));
  expect(done.verdict.status).toBe('passed');
  await before.ok('acknowledgements.record', { learnerId: sam, courseId: COURSE, attemptId: start.attemptId });
  const jo = await signInStaff(before, 'teaching', 'Jo Evans', 'jo@leap.example');
  await before.ok('attempts.start', { learnerId: jo, courseId: COURSE, moduleId: 'assessment' });
  await before.ok('learners.signOut', {});
  before.close();
  harnesses = [];
  const h = startHarness(day('2026-10-10'), before.dataDir, edition); // before the retrieval check is due
  harnesses.push(h);
  return { h, sam, jo, pass: start.attemptId };
}

describe('a new edition of the policy in the content', () => {
  it('becomes the version learners acknowledge, once, with its own approval date, and says so in the audit log', async () => {
    const { h } = await trustThenNewEdition();
    expect(h.started.services.settings.get()).toMatchObject({ policyVersionLabel: '1.0', policyApprovalIso: null });
    const audit = h.started.services.db.prepare("SELECT detail FROM audit_log WHERE action = 'policy.new-edition'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([{ from: '0.1', to: '1.0' }]);

    // A label the administrator sets afterwards stands until the next edition arrives.
    await h.ok('admin.unlock', { password: ADMIN_PASSWORD });
    await h.ok('settings.set', { policyVersionLabel: '1.0 (LEAP)' });
    const dataDir = h.dataDir;
    h.close();
    harnesses = [];
    const again = startHarness(day('2026-11-03'), dataDir, edition);
    harnesses.push(again);
    expect(again.started.services.settings.get().policyVersionLabel).toBe('1.0 (LEAP)');
  });

  it('offers a completed member of staff "What changed", then records the new acknowledgement beside the old; the pass stands', async () => {
    const { h, sam, pass } = await trustThenNewEdition();
    expect(await signInStaff(h, 'teaching', 'Sam Taylor', 'sam@leap.example')).toBe(sam);
    const before = await h.ok('compliance.forLearner', { learnerId: sam });
    expect(before.compliance.policy).toEqual({ versionLabel: '1.0', approvedIso: '2025-07-14', approved: 'July 2025' });
    expect(before.compliance.courses[0]).toMatchObject({ state: 'complete', passedOn: '2026-10-02', expiresOn: '2027-10-02', acknowledgedVersion: '0.1', needsReacknowledgement: true });
    expect(before.reminders.map((r) => r.kind)).toEqual(['what-changed']);
    expect(before.reminders[0]?.message).toBe(
      'The policy has a new version, 1.0, approved July 2025: 3 rules changed and 2 are new. Your completion stands, so there is no need to take the course again. Read what changed and acknowledge version 1.0.',
    );

    const u = await h.ok('compliance.whatChanged', { learnerId: sam, courseId: COURSE });
    expect(u).toMatchObject({ edition: '1.0', approvedIso: '2025-07-14', acknowledgedVersion: '0.1', passedOn: '2026-10-02', passAttemptId: pass });
    expect(u.rules.map((r) => [r.clauseId, r.change, r.sectionTitle])).toEqual([
      ['reputation.photo-consent', 'reworded', 'Reputation'],
      ['contact.report-pupil-messages', 'reworded', 'Communicating with pupils and parents and carers'],
      ['staff-expectations.privacy-settings', 'reworded', 'Staff expectations'],
      ['artificial-intelligence-tools.upload-photos-names-work', 'added', 'Artificial intelligence tools'],
      ['artificial-intelligence-tools.images-pupils-never-altered', 'added', 'Artificial intelligence tools'],
    ]);
    expect(u.rules[0]).toMatchObject({
      wording: 'Consent to use any photos or video recordings should be sought in line with the Trust’s Data Protection policy.',
      plainWords: 'Get consent before using any photo or video, following the data protection policy of your school.',
    });
    expect(u.acknowledgement).toMatch(/Leading Edge Academies Partnership Social Media Policy, version 1\.0\b/);
    // At most one question per rule, each on a changed rule, and nothing a teacher was not taught.
    const rules = new Set(u.rules.map((r) => r.clauseId));
    const taught = taughtTo('teaching');
    expect(u.items.length).toBeGreaterThan(0);
    expect(u.items.length).toBeLessThanOrEqual(u.rules.length);
    for (const item of u.items) {
      expect(item.clauses.some((id) => rules.has(id)), item.id).toBe(true);
      for (const id of item.clauses) expect(rules.has(id) || taught.has(id), `${item.id} cites ${id}`).toBe(true);
      expect(JSON.stringify(item)).not.toMatch(/\{(trust|school|policyVersion)\}/);
    }
    expect(new Set(u.items.map((i) => i.clauses.find((id) => rules.has(id)))).size).toBe(u.items.length);

    expect(await h.ok('acknowledgements.record', { learnerId: sam, courseId: COURSE, attemptId: u.passAttemptId })).toMatchObject({ policyVersionLabel: '1.0' });
    const acks = h.started.services.db.prepare('SELECT policy_version_label AS v, attempt_id AS a FROM acknowledgements WHERE learner_id = ? ORDER BY id').all(sam) as { v: string; a: string }[];
    expect(acks).toEqual([
      { v: '0.1', a: pass },
      { v: '1.0', a: pass },
    ]);
    const after = await h.ok('compliance.forLearner', { learnerId: sam });
    expect(after.compliance.courses[0]).toMatchObject({ state: 'complete', passedOn: '2026-10-02', expiresOn: '2027-10-02', acknowledgedVersion: '1.0', needsReacknowledgement: false });
    expect(after.reminders).toEqual([]);
    const twice = await h.call('compliance.whatChanged', { learnerId: sam, courseId: COURSE });
    expect(twice.ok ? 'ok' : [twice.error.code, twice.error.message]).toEqual(['conflict', 'You have acknowledged version 1.0 already.']);
  });

  it('gives the update only to the signed-in learner who holds a completion; a new starter takes the current course', async () => {
    const { h, sam, jo } = await trustThenNewEdition();
    // Nobody signed in: not even the right learner id opens it.
    const nobody = await h.call('compliance.whatChanged', { learnerId: sam, courseId: COURSE });
    expect(nobody.ok ? 'ok' : nobody.error.code).toBe('forbidden');
    expect(await signInStaff(h, 'teaching', 'Jo Evans', 'jo@leap.example')).toBe(jo);
    const other = await h.call('compliance.whatChanged', { learnerId: sam, courseId: COURSE });
    expect(other.ok ? 'ok' : other.error.code).toBe('forbidden');
    const own = await h.call('compliance.whatChanged', { learnerId: jo, courseId: COURSE });
    expect(own.ok ? 'ok' : [own.error.code, own.error.message]).toEqual(['conflict', 'There is no update to take: version 1.0 is acknowledged at the end of the assessment.']);
    expect((await h.ok('compliance.forLearner', { learnerId: jo })).reminders.map((r) => r.kind)).not.toContain('what-changed');
    const hostile = await h.call('compliance.whatChanged', { learnerId: jo, courseId: '../../etc' });
    expect(hostile.ok ? 'ok' : hostile.error.code).toBe('invalid-request');
    const unknown = await h.call('compliance.whatChanged', { learnerId: jo, courseId: 'pupils-ks1' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not-found');
  });

  it('shows HR who has acknowledged the new edition, and the exports carry it', async () => {
    const { h, sam, pass } = await trustThenNewEdition();
    await signInStaff(h, 'teaching', 'Sam Taylor', 'sam@leap.example');
    await h.ok('acknowledgements.record', { learnerId: sam, courseId: COURSE, attemptId: pass });
    await asAdmin(h);
    const summary = await h.ok('dashboard.summary', {});
    expect(summary.policyVersionLabel).toBe('1.0');
    expect(summary.totals).toMatchObject({ staff: 2, acknowledgedCurrent: 1, needsReacknowledgement: 0 });
    const people = await h.ok('dashboard.people', { state: 'acknowledged-current' });
    expect(people.rows.map((p) => [p.name, p.acknowledgedVersion])).toEqual([['Sam Taylor', '1.0']]);

    const csvFile = path.join(os.tmpdir(), `results-${process.pid}-${Date.now()}.csv`);
    await h.started.services.exports.run({ format: 'csv' }, csvFile, 'test');
    const samRows = readFileSync(csvFile, 'utf8').split('\n').filter((l) => l.includes(sam));
    expect(samRows.length).toBeGreaterThan(0);
    for (const row of samRows) expect(row.split(',')).toContain('1.0');
    const cmiFile = path.join(os.tmpdir(), `cmi-${process.pid}-${Date.now()}.json`);
    await h.started.services.exports.run({ format: 'cmi2004' }, cmiFile, 'test');
    const attempts = (JSON.parse(readFileSync(cmiFile, 'utf8')) as { attempts: { attemptId: string; acknowledged: { policyVersionLabel: string }[] }[] }).attempts;
    expect(attempts.find((a) => a.attemptId === pass)?.acknowledged.map((k) => k.policyVersionLabel)).toEqual(['0.1', '1.0']);
  });
});
