import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardService, computeStandings } from '@services/dashboard';
import { currentVersion, latestVersion, migrate } from '@services/storage/migrations';
import { openDatabase } from '@services/storage/database';
import type { ReadableDb } from '@services/storage';
import { recordFiles } from '@services/storage/files';
import { seedOldPupils, seedStaffAttempts } from '@tests/bench/seed';
import { testBundle } from '@tests/helpers/bundle';
import { harness, removeDir, tempDir } from '../records/helpers';

/**
 * Migration v11 on a data folder an older app (schema v10) left with staff records and pupils past
 * retention: the pupil fold must no longer make the dashboard read every member of staff again
 * (the v8 trigger counted a pupil's deletion as a staff member leaving), while a staff member's
 * erasure still takes them off the dashboard.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const NOW = new Date('2026-11-27T10:00:00Z');
const removals = (db: DatabaseSync | ReadableDb): string => (db.prepare("SELECT value FROM records_meta WHERE key = 'summary_removals'").get() as { value: string }).value;

function folderAtV10(): string {
  const dir = tempDir('records-v11-');
  dirs.push(dir);
  const db = openDatabase(recordFiles(dir).database, { migrate: false });
  migrate(db, undefined, 10);
  expect(currentVersion(db)).toBe(10);
  seedStaffAttempts(db, testBundle(), NOW, 60, 'v11', '0.1');
  seedOldPupils(db, testBundle(), 30, 'v11');
  // What the older trigger did: any learner's deletion counted as a removal.
  const before = removals(db);
  db.exec("DELETE FROM learners WHERE id = (SELECT id FROM learners WHERE kind = 'pupil' LIMIT 1)");
  expect(removals(db)).toBe(String(Number(before) + 1));
  db.close();
  return dir;
}

describe('migration v11: only a staff member leaving counts as a removal', () => {
  it('upgrades a v10 folder; the pupil fold leaves the staff figures and the removal count alone, an erasure still counts', () => {
    expect(latestVersion()).toBeGreaterThanOrEqual(11);
    const h = harness({ dataDir: folderAtV10(), now: NOW });
    try {
      const s = h.services;
      expect(currentVersion(s.db)).toBe(latestVersion());
      const dashboard = new DashboardService(s.db, s.bundle, s.settings, s.clock);
      const before = dashboard.summary({});
      expect(before.totals.staff).toBeGreaterThan(0);
      const removed = removals(s.db);

      // 29 pupils last seen in 2024-25 are folded away on 27 November 2026.
      expect(s.records.runRetention(NOW)).toBe(29);
      expect(s.db.prepare("SELECT count(*) AS n FROM learners WHERE kind = 'pupil'").get()).toEqual({ n: 0 });
      expect(removals(s.db)).toBe(removed);
      const after = dashboard.summary({});
      expect(after.totals).toEqual(before.totals);
      expect(after.byModule).toEqual(before.byModule);
      expect(after.attemptsOnRecord).toBe(before.attemptsOnRecord - 29);

      // A staff member's erasure still takes them off the figures.
      const someone = dashboard.people({ offset: 0, limit: 1 }).rows[0];
      if (!someone) throw new Error('no staff on the dashboard');
      s.records.erase(someone.learnerId, 'test');
      expect(removals(s.db)).toBe(String(Number(removed) + 1));
      const erased = dashboard.summary({});
      expect(erased.totals.staff).toBe(before.totals.staff - 1);
      expect(dashboard.people({ offset: 0, limit: 1_000 }).rows.some((r) => r.learnerId === someone.learnerId)).toBe(false);
      // And the kept figures are the ones the rules give from the attempts.
      expect(erased.totals.staff).toBe(computeStandings(s.db, s.bundle, s.settings.get(), s.clock()).length);
    } finally {
      h.close();
    }
  });
});
