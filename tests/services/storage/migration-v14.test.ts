import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, latestVersion } from '@services/storage/migrations';
import { listBackups } from '@services/storage/backup';
import { recordFiles } from '@services/storage/files';
import { verify } from '@services/storage';
import { withRawRecordsDb } from '@tests/helpers/records-db';
import { harness, removeDir, STAFF, type Harness } from '../records/helpers';

/**
 * Migration v14 on a data folder the previous version (schema v13) left: a records file's staff
 * are matched by work email in any case, and before it that question read every member of staff
 * for every person in the file (the import's lookup, electron/services/records-file/import.ts).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const BY_EMAIL = "SELECT id FROM learners WHERE kind = 'staff' AND work_email = ? COLLATE NOCASE";
const planOf = (db: Parameters<Parameters<typeof withRawRecordsDb>[1]>[0], sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join('; ');

describe('migration v14: staff found by work email in any case, by index', () => {
  it('upgrades a v13 folder with real records; the lookup uses the index and still finds the person whatever the case', async () => {
    expect(latestVersion()).toBeGreaterThanOrEqual(14);
    const h: Harness = harness();
    dirs.push(h.dataDir);
    const { learnerId } = await h.call('learners.signIn', STAFF);
    h.close();
    withRawRecordsDb(h.dataDir, (db) => {
      db.exec('DROP INDEX learners_by_email_nocase; PRAGMA user_version = 13');
      expect(planOf(db, BY_EMAIL), 'v13: every member of staff is read').not.toMatch(/learners_by_email_nocase/);
    });

    const again = harness({ dataDir: h.dataDir });
    try {
      expect(currentVersion(again.services.db)).toBe(latestVersion());
      expect(listBackups(recordFiles(h.dataDir).backups).map((b) => b.reason)).toContain('pre-migration-v13');
      withRawRecordsDb(h.dataDir, (db) => {
        expect(planOf(db, BY_EMAIL)).toMatch(/SEARCH learners USING INDEX learners_by_email_nocase \(work_email=\?\)/);
        expect(db.prepare(BY_EMAIL).all(STAFF.workEmail.toUpperCase())).toEqual([{ id: learnerId }]);
      });
    } finally {
      again.close();
    }
    expect(verify(h.dataDir)).toMatchObject({ ok: true, schemaVersion: latestVersion(), problems: [] });
  });
});
