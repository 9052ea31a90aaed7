import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { learnerById, listAttemptIds, type RecordsStore } from '@services/records';
import { openReader, openSnapshot, verify, withReadOnlyStore } from '@services/storage';
import { openedRecordsOf, openRawDb, withRawRecordsDb } from '@tests/helpers/records-db';
import { assessmentOf, course, harness, harnessPerTest, removeDir, STAFF } from '../records/helpers';

/**
 * Issue 20 item 3: readers and writers apart. Services that only read are handed the records'
 * read-only connection (`readOnly: true`); only the records store writes. The types refuse a write
 * through a reader (the `@ts-expect-error` lines fail `npm run typecheck` the day they compile),
 * and SQLite refuses it at run time too.
 */
const freshHarness = harnessPerTest();

/** SQLite's own refusal: SQLITE_READONLY (8), "attempt to write a readonly database". */
const READONLY = expect.objectContaining({ errcode: 8, errstr: expect.stringMatching(/readonly/) });
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('it did not throw');
};

describe('the reader the services are given', () => {
  it('refuses every write with SQLITE_READONLY, and the records are unchanged', async () => {
    const h = freshHarness();
    const signedIn = await h.call('learners.signIn', STAFF);
    const reader = h.services.db;
    // @ts-expect-error a reader's statements have no run (storage/handles.ts)
    expect(thrown(() => reader.prepare("UPDATE learners SET name = 'Someone Else'").run())).toEqual(READONLY);
    // @ts-expect-error a reader has no exec
    expect(thrown(() => reader.exec('DELETE FROM learners'))).toEqual(READONLY);
    // SQL text is not typed: a write through get() compiles, and only the read-only handle refuses it.
    expect(thrown(() => reader.prepare("INSERT INTO settings (key, value) VALUES ('x', '1') RETURNING key").get())).toEqual(READONLY);
    expect(learnerById(reader, signedIn.learnerId)?.name).toBe(STAFF.name);
    expect(h.services.records.health(true).integrity).toBe('ok');
  });

  it('sees every committed write at once (WAL): the store’s and anyone else’s', async () => {
    const h = freshHarness();
    const reader = h.services.db;
    const count = (): number => (reader.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'").get() as { n: number }).n;
    expect(count()).toBe(0);
    const ann = await h.call('learners.signIn', STAFF);
    // The reply came after COMMIT: the reader's next statement sees the row, no reopen needed.
    expect(learnerById(reader, ann.learnerId)?.name).toBe(STAFF.name);
    expect(count()).toBe(1);
    await h.call('learners.signOut', {});
    await h.call('learners.signIn', { ...STAFF, name: 'Bob Second', workEmail: 'bob@example.sch.uk' });
    expect(count()).toBe(2);
    // A write from a connection outside the app (a test's raw one) shows too.
    withRawRecordsDb(h.services.dataDir, (db) => db.prepare("UPDATE learners SET school = 'Moved Academy' WHERE id = ?").run(ann.learnerId));
    expect(learnerById(reader, ann.learnerId)?.school).toBe('Moved Academy');
  });

  it('is not the store’s writer, and a snapshot keeps one view while the store commits', async () => {
    const h = freshHarness();
    const writer = openedRecordsOf(h.services.records).db;
    expect(h.services.db).not.toBe(writer);
    const snapshot = openSnapshot(h.services.records.files.database);
    try {
      const staff = (): number => (snapshot.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'").get() as { n: number }).n;
      const before = staff();
      await h.call('learners.signIn', STAFF);
      expect(staff(), 'the snapshot still sees the records as they were').toBe(before);
      const fresh = openReader(h.services.records.files.database);
      try {
        expect((fresh.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'").get() as { n: number }).n).toBe(before + 1);
      } finally {
        fresh.close();
      }
    } finally {
      snapshot.close();
    }
  });
});

describe('the records CLIs’ connection (records verify, records list)', () => {
  /** Every file in the data folder with a digest of its bytes: what "left as found" means. */
  const folderState = (dir: string): Record<string, string> =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const file = path.join(e.parentPath, e.name);
          return [path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex')];
        }),
    );

  it('is read-only (SQLITE_READONLY), and verify and list still read a real folder and leave it as found', async () => {
    // Its own harness: it is closed half way, as the app quits before a CLI runs.
    const h = harness();
    onTestFinished(() => removeDir(h.dataDir));
    const ann = await h.call('learners.signIn', STAFF);
    const c = course(h.bundle, 'staff-induction');
    const started = await h.call('attempts.start', { learnerId: ann.learnerId, courseId: c.id, moduleId: assessmentOf(c).id });
    h.close(); // the app has quit: the CLIs take the folder's lock
    const before = folderState(h.dataDir);

    const refused = withReadOnlyStore(h.dataDir, 'test', (db) => {
      // @ts-expect-error a reader has no exec: SQLite refuses it too
      const viaExec = thrown(() => db.exec("DELETE FROM learners"));
      const viaGet = thrown(() => db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1') RETURNING key").get());
      return { viaExec, viaGet, name: learnerById(db, ann.learnerId)?.name };
    });
    expect(refused).toEqual({ viaExec: READONLY, viaGet: READONLY, name: STAFF.name });

    expect(verify(h.dataDir)).toMatchObject({ ok: true, integrity: 'ok', learners: 1, attempts: 1, problems: [] });
    const listed: string[] = [];
    expect(listAttemptIds(h.dataDir, (id) => listed.push(id))).toBe(1);
    expect(listed).toEqual([started.attemptId]);
    expect(folderState(h.dataDir), 'no file added, removed or changed').toEqual(before);
  });
});

describe('what the types forbid (checked by npm run typecheck)', () => {
  it('a raw connection is not a reader, and nothing outside the store reaches its writer', () => {
    const raw = openRawDb(':memory:');
    try {
      raw.exec('CREATE TABLE learners (id TEXT)');
      // @ts-expect-error a raw DatabaseSync is not a ReadableDb: readers get the records' read-only connection
      expect(learnerById(raw, 'x')).toBeNull();
    } finally {
      raw.close();
    }
    const writerOf = (store: RecordsStore): unknown =>
      // @ts-expect-error the store's writable connection is private to it
      store.db;
    expect(writerOf).toBeTypeOf('function');
  });
});
