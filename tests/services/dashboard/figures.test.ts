import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary, PersonDetail, PersonRow } from '@contract';
import { ADMIN_PASSWORD, SETUP, expectOk, startHarness, type Harness } from '../admin/harness';
import { caller, takeModule } from './learners';

/**
 * A small Trust whose every state is known, written through the records store's own commit path
 * with the clock moved between sign-ins; then the dashboard read on 27 November 2026.
 */
const NOW = new Date('2026-11-27T12:00:00Z');
const [MOUNTS, HAYLE] = SETUP.schools as [string, string];
let h: Harness;
const ids: Record<string, string> = {};

async function staff(key: string, at: string, who: { name: string; school: string; role: 'teaching' | 'support' | 'volunteer' | 'leader' | 'account-runner' }, act: (learnerId: string) => Promise<void> = async () => {}): Promise<void> {
  h.now.value = new Date(at);
  const call = caller(h);
  const signed = await call('learners.signIn', { ...who, workEmail: `${key}@leap.example`, pin: '482613' });
  ids[key] = signed.learnerId;
  await act(signed.learnerId);
  await call('learners.signOut', {});
}

const pass = async (learnerId: string): Promise<void> => {
  const { attemptId, status } = await takeModule(h, learnerId, 'staff-induction', 'assessment', true);
  expect(status).toBe('passed');
  await caller(h)('acknowledgements.record', { learnerId, courseId: 'staff-induction', attemptId });
};

beforeAll(async () => {
  h = startHarness({ now: { value: new Date('2025-10-01T09:00:00Z') } });
  expectOk(await h.call('setup.complete', { ...SETUP, policyVersionLabel: '0.1' }));
  expectOk(await h.call('admin.lock', {}));
  // Expired: passed 1 Nov 2025, so the pass ran out on 1 Nov 2026.
  await staff('expired', '2025-11-01T10:00:00Z', { name: 'Erin Expired', school: MOUNTS, role: 'volunteer' }, pass);
  // Expiring: passed 20 Dec 2025, expires 20 Dec 2026, expiring from 20 Nov.
  await staff('expiring', '2025-12-20T10:00:00Z', { name: 'Dana Expiring', school: HAYLE, role: 'teaching' }, pass);
  // Complete: passed 10 Jan 2026.
  await staff('complete', '2026-01-10T10:00:00Z', { name: 'Cara Complete', school: HAYLE, role: 'leader' }, pass);
  // Overdue: signed in 1 Oct 2026 (due 15 Oct), never started.
  await staff('overdue', '2026-10-01T10:00:00Z', { name: 'Bea Overdue', school: MOUNTS, role: 'support' });
  // Not started, not yet due (due 4 Dec).
  await staff('fresh', '2026-11-20T10:00:00Z', { name: 'Abe Fresh', school: MOUNTS, role: 'teaching' });
  // In progress: a lesson begun.
  await staff('lesson', '2026-11-25T10:00:00Z', { name: 'Finn Lesson', school: MOUNTS, role: 'teaching' }, async (id) => {
    await takeModule(h, id, 'staff-induction', 'introduction-scope', true, false);
  });
  // In progress after a failed assessment.
  await staff('failed', '2026-11-26T10:00:00Z', { name: 'Gus Failed', school: HAYLE, role: 'account-runner' }, async (id) => {
    expect((await takeModule(h, id, 'staff-induction', 'assessment', false)).status).toBe('failed');
    // A pupil lesson Gus starts for his class: it must never show up among staff.
    h.now.value = new Date('2026-11-26T10:10:00Z'); // within main's idle time: Gus is still signed in
    const pupil = await caller(h)('learners.startPupilSession', { firstName: 'Zebedee', initial: 'Q', className: 'Oak 4', band: 'ks2' });
    await takeModule(h, pupil.learnerId, 'pupils-ks2', 'sharing-and-passwords', false);
  });
  h.now.value = NOW;
  expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
}, 120_000);
afterAll(() => h?.stop());

const summary = async (filters = {}): Promise<DashboardSummary> => expectOk(await h.call('dashboard.summary', filters)) as DashboardSummary;
const people = async (filters = {}): Promise<{ total: number; rows: PersonRow[] }> => expectOk(await h.call('dashboard.people', filters)) as { total: number; rows: PersonRow[] };

describe('dashboard figures on a seeded database', () => {
  it('counts staff only, with overdue and expiring as the lifecycle rules say', async () => {
    const s = await summary();
    expect(s.today).toBe('2026-11-27');
    expect(s.totals).toMatchObject({ staff: 7, complete: 2, expiring: 1, expired: 1, overdue: 1, notStarted: 1, inProgress: 2 });
    expect(s.attemptsOnRecord).toBeGreaterThanOrEqual(6);
  });

  it('splits by school and by role', async () => {
    const s = await summary();
    const school = Object.fromEntries(s.bySchool.map((g) => [g.key, g]));
    expect(school[MOUNTS]).toMatchObject({ staff: 4, complete: 0, overdue: 1, expired: 1 });
    expect(school[HAYLE]).toMatchObject({ staff: 3, complete: 2, expiring: 1, inProgress: 1 });
    const role = Object.fromEntries(s.byRole.map((g) => [g.key, g]));
    expect(role.teaching).toMatchObject({ staff: 3, complete: 1, expiring: 1, notStarted: 1, inProgress: 1, label: 'Teaching staff' });
    expect(role.volunteer).toMatchObject({ staff: 1, expired: 1, overdue: 0 });
  });

  it('counts each person once, and every figure agrees with the list filtered to it', async () => {
    const { totals: t } = await summary();
    // Complete (expiring included), in progress, not started, overdue, expired: everyone once.
    expect(t.complete + t.inProgress + t.notStarted + t.overdue + t.expired).toBe(t.staff);
    expect((await people({ state: 'overdue' })).total).toBe(t.overdue);
    expect((await people({ state: 'expired' })).total).toBe(t.expired);
    expect((await people({ state: 'expiring' })).total).toBe(t.expiring);
    expect((await people({ state: 'in-progress' })).total).toBe(t.inProgress);
    expect((await people({ state: 'not-started' })).total).toBe(t.notStarted);
    expect((await people({ state: 'complete' })).total).toBe(t.complete);
    expect((await people({ state: 'needs-reacknowledgement' })).total).toBe(t.needsReacknowledgement);
    expect((await people({ state: 'acknowledged-current' })).total).toBe(t.acknowledgedCurrent);
  });

  it('gives each person days overdue and the date and version of their acknowledgement, sortable by them', async () => {
    const all = (await people({ limit: 200 })).rows;
    const by = Object.fromEntries(all.map((r) => [r.name, r]));
    // Due 15 October (14 days after signing in on 1 October), read on 27 November.
    expect(by['Bea Overdue']).toMatchObject({ daysOverdue: 43, acknowledgedOn: null, acknowledgedVersion: null });
    // The pass ran out on 1 November 2026.
    expect(by['Erin Expired']).toMatchObject({ daysOverdue: 26, acknowledgedOn: '2025-11-01', acknowledgedVersion: '0.1' });
    expect(by['Cara Complete']).toMatchObject({ daysOverdue: null, acknowledgedOn: '2026-01-10', acknowledgedVersion: '0.1' });
    const names = async (sort: string): Promise<string[]> => (await people({ sort, limit: 200 })).rows.map((r) => r.name);
    expect(await names('name')).toEqual(['Abe Fresh', 'Bea Overdue', 'Cara Complete', 'Dana Expiring', 'Erin Expired', 'Finn Lesson', 'Gus Failed']);
    expect((await names('days-overdue')).slice(0, 2)).toEqual(['Bea Overdue', 'Erin Expired']);
    // Never acknowledged first, then the oldest acknowledgement.
    expect((await names('acknowledged')).slice(-3)).toEqual(['Erin Expired', 'Dana Expiring', 'Cara Complete']);
    // Hayle Academy before Mounts Bay Academy, by name within each.
    expect(await names('school')).toEqual(['Cara Complete', 'Dana Expiring', 'Gus Failed', 'Abe Fresh', 'Bea Overdue', 'Erin Expired', 'Finn Lesson']);
  });

  it('gives per-module completion, in course order', async () => {
    const s = await summary();
    const assessment = s.byModule.find((m) => m.moduleId === 'assessment');
    expect(assessment).toMatchObject({ assigned: 7, done: 2, expiring: 1, expired: 1, failed: 1 });
    const intro = s.byModule.find((m) => m.moduleId === 'introduction-scope');
    expect(intro).toMatchObject({ assigned: 7, inProgress: 1 });
    expect(s.byModule[0]?.moduleId).toBe('introduction-scope');
    // Only the account-runner takes the new-accounts lesson.
    expect(s.byModule.find((m) => m.moduleId === 'new-accounts')).toMatchObject({ assigned: 1 });
  });

  it('filters by school, role, module, state and search', async () => {
    expect((await summary({ school: HAYLE })).totals.staff).toBe(3);
    expect((await summary({ role: 'teaching', school: MOUNTS })).totals).toMatchObject({ staff: 2, notStarted: 1, inProgress: 1 });
    expect((await summary({ moduleId: 'tone' })).totals.staff).toBe(1);
    const overdue = await people({ state: 'overdue' });
    expect(overdue.rows.map((r) => r.name)).toEqual(['Bea Overdue']);
    const expiring = await people({ state: 'expiring' });
    expect(expiring.rows.map((r) => r.name)).toEqual(['Dana Expiring']);
    expect((await people({ search: 'DANA' })).rows.map((r) => r.learnerId)).toEqual([ids.expiring]);
    expect((await people({ search: 'failed@leap' })).total).toBe(1);
    // Worst first: the expired pass, then the overdue start, then the rest.
    const all = await people({ limit: 3 });
    expect(all.total).toBe(7);
    expect(all.rows.map((r) => r.state)).toEqual(['expired', 'overdue', 'not-started']);
  });

  it('agrees with what the learner is told in their own catalogue', async () => {
    expectOk(await h.call('admin.lock', {}));
    const call = caller(h);
    const signed = await call('learners.signIn', { name: 'Dana Expiring', workEmail: 'expiring@leap.example', school: HAYLE, role: 'teaching', pin: '482613' });
    const { items } = await call('catalogue.forLearner', { learnerId: signed.learnerId });
    await call('learners.signOut', {});
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    const detail = expectOk(await h.call('dashboard.person', { learnerId: ids.expiring! })) as PersonDetail;
    const fromCatalogue = items.find((i) => i.moduleId === 'assessment');
    const fromDashboard = detail.modules.find((m) => m.moduleId === 'assessment');
    expect(fromCatalogue?.status).toBe('expiring');
    expect(fromDashboard).toMatchObject({ status: fromCatalogue?.status, expiresOn: fromCatalogue?.expiresOn });
    expect(detail.person).toMatchObject({ state: 'expiring', expiresOn: '2026-12-20' });
  });

  it('drills down to a person and every attempt, and never to a pupil', async () => {
    const detail = expectOk(await h.call('dashboard.person', { learnerId: ids.failed! })) as PersonDetail;
    expect(detail.person).toMatchObject({ name: 'Gus Failed', school: HAYLE, role: 'account-runner', state: 'in-progress' });
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({ moduleId: 'assessment', status: 'failed', scorePercent: 0, policyVersionLabel: '0.1' });
    expect(detail.attempts[0]?.sectionsToReview.length).toBeGreaterThan(0);
    const s = await summary();
    expect(JSON.stringify(s)).not.toContain('Zebedee');
    expect(JSON.stringify(await people({ limit: 200 }))).not.toContain('Zebedee');
  });

  it('shows the teacher view as class counts only', async () => {
    const counts = expectOk(await h.call('dashboard.classCounts', {})) as { classes: unknown[]; completions: { className: string; completed: number }[]; answers: { misconceptions: unknown[]; secure: number; developing: number }[] };
    expect(counts.classes).toEqual([{ className: 'Oak 4', band: 'ks2' }]);
    expect(counts.completions).toEqual([expect.objectContaining({ className: 'Oak 4', moduleId: 'sharing-and-passwords', completed: 1 })]);
    expect(counts.answers.length).toBeGreaterThan(0);
    const text = JSON.stringify(counts);
    expect(text).not.toContain('Zebedee');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no learner or attempt ids
  });

  it('notices a new record at once (the cached figures are never stale)', async () => {
    expect((await summary()).totals.staff).toBe(7);
    expectOk(await h.call('admin.lock', {}));
    await staff('late', '2026-11-27T12:00:00Z', { name: 'Lou Late', school: HAYLE, role: 'support' });
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    expect((await summary()).totals).toMatchObject({ staff: 8, notStarted: 2 });
  });

  it('exports the list as filtered and sorted, spreadsheet-safe, and gives its work emails to copy', async () => {
    expectOk(await h.call('admin.lock', {}));
    await staff('formula', '2026-10-02T10:00:00Z', { name: '=HYPERLINK("http://evil.example","Pay")', school: MOUNTS, role: 'support' });
    h.now.value = NOW;
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    const list = expectOk(await h.call('dashboard.peopleList', { state: 'overdue', sort: 'name' })) as { count: number; csv: string; emails: string[] };
    expect(list.count).toBe((await summary({ state: 'overdue' })).totals.staff);
    expect(list.emails).toEqual(['formula@leap.example', 'overdue@leap.example']);
    const lines = list.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Name,Work email,Staff ID,School,Role,Standing,Due,Days overdue,Passed,Expires,Acknowledged version,Acknowledged on');
    expect(lines).toHaveLength(3);
    // Sorted by name: the "=" name first, written as text (a leading apostrophe), never as a formula.
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""Pay"")",formula@leap.example,,${MOUNTS},Support staff,Overdue,2026-10-16,42,,,,`);
    expect(lines[2]).toBe(`Bea Overdue,overdue@leap.example,,${MOUNTS},Support staff,Overdue,2026-10-15,43,,,,`);
    // A learner is refused the list, as every dashboard channel.
    expectOk(await h.call('admin.lock', {}));
    const refused = await h.call('dashboard.peopleList', {});
    expect(refused.ok).toBe(false);
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
  });
});
