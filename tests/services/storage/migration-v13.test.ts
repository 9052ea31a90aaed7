import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, latestVersion, migrate } from '@services/storage/migrations';
import { openDatabase } from '@services/storage/database';
import { listBackups } from '@services/storage/backup';
import { recordFiles } from '@services/storage/files';
import { verify } from '@services/storage';
import { openRawDb, withRawRecordsDb } from '@tests/helpers/records-db';
import { assessmentOf, course, harness, removeDir, STAFF, tempDir, type Harness } from '../records/helpers';

/**
 * Migration v13 on a data folder the previous version (schema v12) left with real records: staff
 * who signed in, started an assessment and wrote new-account requests through the app. Before it,
 * deleting a learner read every request to find theirs (SQLite's cascade has no index to use).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const PEOPLE = [
  STAFF,
  { ...STAFF, name: 'Bob Second', workEmail: 'bob@example.sch.uk' },
  { ...STAFF, name: 'Cat Third', workEmail: 'cat@example.sch.uk' },
];
const REQUEST = { platform: 'Instagram', accountName: '@example_pe', aim: 'Share fixtures and results.', audience: 'Families of players.', promotion: 'Newsletter.', runners: 'Mrs Hill; Mr Cole checks.' };

type Raw = ReturnType<typeof openRawDb>;
const schemaOf = (db: Raw): string[] =>
  (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string }[]).map((r) => `${r.type} ${r.name}: ${r.sql}`);
const planOf = (db: Raw, sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
const BY_AUTHOR = "SELECT id FROM account_requests WHERE learner_id = 'x'";
const MINE = "SELECT * FROM account_requests WHERE learner_id = 'x' ORDER BY created_at DESC, id";

/** The schema an app of version 12 makes, from the migrations themselves. */
function schemaAtV12(): string[] {
  const dir = tempDir('records-v12-');
  dirs.push(dir);
  openDatabase(recordFiles(dir).database, { migrate: false }).close();
  const db = openRawDb(recordFiles(dir).database);
  try {
    migrate(db, undefined, 12);
    return schemaOf(db);
  } finally {
    db.close();
  }
}

/** Records made through the app; then the folder is put back to schema v12, as the older app left it. */
async function folderAtV12(): Promise<{ dir: string; ids: string[]; requestsOf: Map<string, string[]> }> {
  const h: Harness = harness();
  dirs.push(h.dataDir);
  const ids: string[] = [];
  const requestsOf = new Map<string, string[]>();
  try {
    for (const person of PEOPLE) {
      const { learnerId } = await h.call('learners.signIn', person);
      ids.push(learnerId);
      const c = course(h.bundle, 'staff-induction');
      await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: assessmentOf(c).id });
      const mine: string[] = [];
      for (let i = 0; i < 2; i++) {
        h.now.value = new Date(h.now.value.getTime() + 60_000);
        mine.push((await h.call('requests.create', { learnerId, ...REQUEST, accountName: `${REQUEST.accountName}${i}` })).requestId);
      }
      requestsOf.set(learnerId, mine.reverse()); // newest first, as the learner's list shows them
      await h.call('learners.signOut', {});
    }
  } finally {
    h.close();
  }
  withRawRecordsDb(h.dataDir, (db) => {
    db.exec('DROP INDEX account_requests_by_learner; DROP INDEX IF EXISTS learners_by_email_nocase; PRAGMA user_version = 12');
    expect(schemaOf(db), 'exactly the schema version 12 made').toEqual(schemaAtV12());
    expect(planOf(db, BY_AUTHOR), 'v12: a learner’s requests are found by reading them all').toMatch(/SCAN account_requests/);
  });
  return { dir: h.dataDir, ids, requestsOf };
}

describe('migration v13: new-account requests by their author', () => {
  it('upgrades a v12 folder with real records; a learner’s requests are found by index, and an erasure takes only theirs', async () => {
    expect(latestVersion()).toBeGreaterThanOrEqual(13);
    const { dir, ids, requestsOf } = await folderAtV12();
    const [ann, bob, cat] = ids as [string, string, string];

    const h = harness({ dataDir: dir });
    try {
      const s = h.services;
      expect(currentVersion(s.db)).toBe(latestVersion());
      expect(listBackups(recordFiles(dir).backups).map((b) => b.reason)).toContain('pre-migration-v12');
      withRawRecordsDb(dir, (db) => {
        expect(planOf(db, BY_AUTHOR)).toMatch(/SEARCH account_requests USING (COVERING )?INDEX account_requests_by_learner \(learner_id=\?\)/);
        expect(planOf(db, MINE), 'a learner’s own list needs no sort').not.toMatch(/TEMP B-TREE/);
      });
      // Nothing recorded is lost, and each learner's list is as it was, newest first.
      for (const id of ids) expect(s.requests.list(id).map((r) => r.requestId)).toEqual(requestsOf.get(id));
      expect(s.requests.list()).toHaveLength(6);

      s.records.erase(ann, 'test');
      expect(s.requests.list(ann)).toEqual([]);
      expect(s.requests.list().map((r) => r.requestId).sort()).toEqual([...requestsOf.get(bob)!, ...requestsOf.get(cat)!].sort());
      withRawRecordsDb(dir, (db) => {
        expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      });
    } finally {
      h.close();
    }
    expect(verify(dir)).toMatchObject({ ok: true, schemaVersion: latestVersion(), learners: 2, problems: [] });
  });
});
