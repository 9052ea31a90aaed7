import type { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '@host/services';
import { DashboardService, computeStandings } from '@services/dashboard';
import { aggregate } from '@services/dashboard/aggregate';
import { rebuildLearnerSummary } from '@services/storage/migrations/summary';
import { BENCH_NOW } from '@tests/bench/store';
import { seedStaffAttempts } from '@tests/bench/seed';
import { SETUP, expectOk, startHarness, type Harness } from '../admin/harness';
import { caller, takeModule } from './learners';
import { withRawRecordsDb } from '@tests/helpers/records-db';
import type { ReadableDb } from '@services/storage';

/**
 * Issue 19 item 1: the dashboard reads a per-person summary that the writes keep, not every
 * attempt. Whatever way the records change (the commit path, direct inserts as the bench seeds,
 * erasure, a journal replay at start-up), the kept summary must be exactly the one rebuilt from
 * the attempts, and the figures exactly those the compliance rules give from the attempts.
 */
let h: Harness;
const services = (): Services => h.started.services;

type Rows = { learner_id: string; attempts: string; acks: string }[];
/** One person's facts in a canonical order (json_group_array promises no order). */
const canonical = (rows: Rows) =>
  Object.fromEntries(
    rows.map((r) => [r.learner_id, { attempts: (JSON.parse(r.attempts) as unknown[][]).map((a) => JSON.stringify(a)).sort(), acks: (JSON.parse(r.acks) as unknown[][]).map((a) => JSON.stringify(a)).sort() }]),
  );
const readSummary = (db: DatabaseSync | ReadableDb): Rows => db.prepare('SELECT learner_id, attempts, acks FROM learner_summary').all() as unknown as Rows;

/** The summary the app keeps (read as the dashboard reads it) beside one rebuilt, and rolled back, on a raw connection of the test's. */
function keptAndRebuilt(s: Services) {
  const kept = canonical(readSummary(s.db));
  return withRawRecordsDb(s.dataDir, (db) => {
    db.exec('BEGIN');
    try {
      rebuildLearnerSummary(db);
      return { kept, rebuilt: canonical(readSummary(db)) };
    } finally {
      db.exec('ROLLBACK');
    }
  });
}

/** The figures and every person's row as the compliance rules give them straight from the attempts. */
function fromScratch(s: Services) {
  const standings = computeStandings(s.db, s.bundle, s.settings.get(), s.clock());
  const order = s.bundle.courses.filter((c) => c.audience === 'staff').flatMap((c) => c.modules.map((m) => ({ courseId: c.id, moduleId: m.id })));
  const figures = aggregate(standings, {}, (r) => r, order);
  const people = Object.fromEntries(standings.map((st) => [st.learner.id, { state: st.state, items: st.compliance.items.map((i) => `${i.moduleId}:${i.status}:${i.dueDate}:${i.expiresOn}`) }]));
  // Roles by id: the dashboard names them by label (and sorts by it), this by id.
  const byRole = figures.byRole.map(({ label: _label, ...g }) => g).sort((a, b) => a.key.localeCompare(b.key));
  return { totals: figures.totals, bySchool: figures.bySchool, byRole, byModule: figures.byModule.map((m) => ({ ...m })), people };
}

function fromDashboard(d: DashboardService) {
  const summary = d.summary({});
  const rows = d.people({ offset: 0, limit: 1_000_000 }).rows;
  const person = Object.fromEntries(rows.map((r) => [r.learnerId, d.person(r.learnerId)]));
  return {
    totals: summary.totals,
    bySchool: summary.bySchool,
    byRole: summary.byRole.map(({ label: _label, ...g }) => g).sort((a, b) => a.key.localeCompare(b.key)),
    byModule: summary.byModule,
    people: Object.fromEntries(
      rows.map((r) => [r.learnerId, { state: r.state, items: person[r.learnerId]!.modules.map((i) => `${i.moduleId}:${i.status}:${i.dueDate}:${i.expiresOn}`) }]),
    ),
  };
}

function expectSameFigures(d: DashboardService): void {
  const s = services();
  const expected = fromScratch(s);
  const seen = fromDashboard(d);
  expect(seen.totals).toEqual(expected.totals);
  expect(seen.bySchool).toEqual(expected.bySchool);
  expect(seen.byRole).toEqual(expected.byRole);
  expect(seen.byModule).toEqual(expected.byModule);
  expect(seen.people).toEqual(expected.people);
}

beforeAll(async () => {
  h = startHarness({ now: { value: new Date(BENCH_NOW) } });
  expectOk(await h.call('setup.complete', { ...SETUP, policyVersionLabel: '0.1' }));
  expectOk(await h.call('admin.lock', {}));
  // 1,500 attempts of about 230 staff put there by direct SQL, as the bench does.
  withRawRecordsDb(services().dataDir, (db) => seedStaffAttempts(db, services().bundle, BENCH_NOW, 1_500, 'summary', '0.1'));
}, 120_000);
afterAll(() => h?.stop());

describe('the per-person summary behind the dashboard', () => {
  it('is filled for every member of staff by direct inserts too, and matches a rebuild from the attempts', () => {
    const { kept, rebuilt } = keptAndRebuilt(services());
    expect(Object.keys(kept).length).toBeGreaterThan(200);
    expect(kept).toEqual(rebuilt);
  });

  it('gives the figures the compliance rules give from the attempts, and follows commits, erasure and a new day', async () => {
    const d = services().dashboard;
    expectSameFigures(d);
    // A new member of staff passes and acknowledges through the commit path.
    const call = caller(h);
    const signed = await call('learners.signIn', { name: 'Nell New', workEmail: 'nell@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: '482613' });
    const { attemptId, status } = await takeModule(h, signed.learnerId, 'staff-induction', 'assessment', true);
    expect(status).toBe('passed');
    expectSameFigures(d);
    await call('acknowledgements.record', { learnerId: signed.learnerId, courseId: 'staff-induction', attemptId });
    await takeModule(h, signed.learnerId, 'staff-induction', 'introduction-scope', true, false);
    expectSameFigures(d);
    await call('learners.signOut', {});
    // An erasure takes a person and their attempts away.
    const someone = d.people({ state: 'overdue', offset: 0, limit: 1 }).rows[0]!;
    services().records.erase(someone.learnerId, 'test');
    expect(d.people({ search: someone.workEmail ?? someone.staffId ?? '', offset: 0, limit: 5 }).rows.map((r) => r.learnerId)).not.toContain(someone.learnerId);
    expectSameFigures(d);
    // A year on, the same facts give other dates (the rules are applied when read).
    h.now.value = new Date(BENCH_NOW.getTime() + 365 * 86_400_000);
    expectSameFigures(d);
    h.now.value = new Date(BENCH_NOW);
    const { kept, rebuilt } = keptAndRebuilt(services());
    expect(kept).toEqual(rebuilt);
  });

  it('is kept by a journal replay at start-up like every record', async () => {
    // Entries journalled but never applied (a crash between the journal's fsync and COMMIT) are
    // replayed at the next start: the summary must come back with them.
    const s = services();
    const before = s.dashboard.summary({}).totals.staff;
    const db = s.db;
    const learnerId = '6f1d2c1e-0000-4000-8000-00000000beef';
    const j = Number((db.prepare("SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string }).value) + 1;
    s.records.store.journal.append({ j, k: 'learner.staff', learnerId, at: BENCH_NOW.toISOString(), name: 'Rhys Replayed', workEmail: 'rhys@leap.example', staffId: null, school: SETUP.schools[1]!, role: 'support', pinHash: 'x' });
    expect(db.prepare('SELECT 1 FROM learners WHERE id = ?').get(learnerId)).toBeUndefined();
    h = h.restart();
    expect(services().db.prepare('SELECT 1 FROM learner_summary WHERE learner_id = ?').get(learnerId)).toBeDefined();
    expect(services().dashboard.summary({}).totals.staff).toBe(before + 1);
    const { kept, rebuilt } = keptAndRebuilt(services());
    expect(kept).toEqual(rebuilt);
  });

  it('is read whole in the background at start-up, in steps, and still sees a change made meanwhile', async () => {
    const s = services();
    const d = new DashboardService(s.db, s.bundle, s.settings, s.clock);
    const warming = d.warm();
    const signed = await caller(h)('learners.signIn', { name: 'Wyn Whilst', workEmail: 'wyn@leap.example', school: SETUP.schools[0]!, role: 'leader', pin: '482613' });
    await warming;
    expect(d.people({ search: 'wyn@leap', offset: 0, limit: 5 }).rows.map((r) => r.learnerId)).toEqual([signed.learnerId]);
    expectSameFigures(d);
    // The sums the warm-up left follow later changes: a pass, then a second warm-up with nothing changed.
    await takeModule(h, signed.learnerId, 'staff-induction', 'assessment', true);
    expectSameFigures(d);
    const quiet = new DashboardService(s.db, s.bundle, s.settings, s.clock);
    await quiet.warm();
    expect(quiet.summary({}).totals).toEqual(d.summary({}).totals);
    await takeModule(h, signed.learnerId, 'staff-induction', 'introduction-scope', true, false);
    expectSameFigures(quiet);
  });
});
