// The dashboard's speed at scale (not a test: `npx tsx tests/services/dashboard/bench.ts [attempts]`).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '@host/compose';
import { testBundle } from '@tests/helpers/bundle';
import { seedTrust } from './seed';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const target = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'induction-bench-'));
const now = new Date('2026-11-27T12:00:00Z');
const services = openApp({ defaultDataDir: dir, appVersion: 'bench', bundle: testBundle(), clock: () => now }).services;
try {
  let t = performance.now();
  const seeded = withRawRecordsDb(services.dataDir, (db) => seedTrust(db, services.bundle, now, target));
  console.log(`seeded ${seeded.attempts} attempts for ${seeded.staff} staff in ${(performance.now() - t).toFixed(0)} ms`);
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
  const time = (label: string, fn: () => unknown): void => {
    const cpu = process.cpuUsage();
    t = performance.now();
    fn();
    const used = process.cpuUsage(cpu);
    console.log(`${label}: ${(performance.now() - t).toFixed(1)} ms wall, ${((used.user + used.system) / 1000).toFixed(1)} ms CPU`);
  };
  time('summary, first call (computes every standing)', () => services.dashboard.summary({}));
  time('summary, again (records unchanged)', () => services.dashboard.summary({}));
  time('summary, filtered by school and role', () => services.dashboard.summary({ school: 'Hayle Academy', role: 'teaching' }));
  time('people, search, first page', () => services.dashboard.people({ search: 'smith', offset: 0, limit: 50 }));
  time('people, overdue, first page', () => services.dashboard.people({ state: 'overdue', offset: 0, limit: 50 }));
  const someone = services.dashboard.people({ offset: 0, limit: 1 }).rows[0]!;
  time('person drill-down', () => services.dashboard.person(someone.learnerId));
  // Any write (a learner's commit) makes the next call recompute every standing.
  withRawRecordsDb(services.dataDir, (db) => db.prepare(`UPDATE attempts SET updated_at = ? WHERE rowid = 1`).run(new Date(now.getTime() + 1).toISOString()));
  time('summary after a new commit (recomputes)', () => services.dashboard.summary({}));
  const s = services.dashboard.summary({});
  console.log(`figures: ${s.totals.staff} staff, ${s.totals.complete} complete, ${s.totals.overdue} overdue, ${s.totals.expiring} expiring; ${s.attemptsOnRecord} attempts on record`);
} finally {
  services.close();
  rmSync(dir, { recursive: true, force: true });
}
