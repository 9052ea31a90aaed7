import { describe, expect, it } from 'vitest';
import { fsyncOffMain, readJournal } from '@services/storage';
import { recordFiles } from '@services/storage/files';
import { withRawRecordsDb } from '@tests/helpers/records-db';
import { answeredCmi, assessmentOf, course, harness, harnessPerTest, removeDir, STAFF, type Harness } from './helpers';

/**
 * Commits whose journal line is flushed on the fsync worker (storage/fsync-off-main.ts) while main
 * runs the entry's statements: calls that arrive together, out of order, and around a close. What
 * must hold is what the learner was told: every commit acknowledged is in the database and in the
 * journal once, under its own number; a refused one is in neither.
 */

const open = harnessPerTest();

async function assessment(h: Harness) {
  const { learnerId } = await h.call('learners.signIn', { ...STAFF });
  const c = course(h.bundle, 'staff-induction');
  const m = assessmentOf(c);
  const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
  const cmiOf = (count: number) => answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count });
  return { start, cmiOf };
}

const journalJs = (dataDir: string): number[] => readJournal(recordFiles(dataDir).journal).entries.map((e) => e.j);
const databaseJ = (dataDir: string): number =>
  withRawRecordsDb(dataDir, (db) => Number((db.prepare("SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string }).value));

async function workerRunning(): Promise<void> {
  fsyncOffMain.start();
  for (let i = 0; i < 500 && !fsyncOffMain.running; i++) await new Promise((r) => setTimeout(r, 10));
  expect(fsyncOffMain.running, 'the fsync worker runs').toBe(true);
}

describe('commits flushed off main', () => {
  it('records commits sent all at once, each once and in order, with the journal and the database agreeing', async () => {
    const h = open();
    await workerRunning();
    const { start, cmiOf } = await assessment(h);
    const served = fsyncOffMain.served;
    const seqs = [1, 2, 3, 4, 5, 6];
    const replies = await Promise.all(seqs.map((seq) => h.raw('attempts.commit', { attemptId: start.attemptId, seq, cmi: cmiOf(seq) })));
    expect(replies.map((r) => r.ok)).toEqual(seqs.map(() => true));
    expect(fsyncOffMain.served - served, 'each line flushed by the worker').toBeGreaterThanOrEqual(seqs.length);

    const js = journalJs(h.dataDir);
    expect(new Set(js).size, 'no journal number twice').toBe(js.length);
    expect(js).toEqual(Array.from({ length: js.length }, (_, i) => i + 1));
    expect(databaseJ(h.dataDir)).toBe(js.at(-1));
    const recorded = withRawRecordsDb(h.dataDir, (db) => db.prepare('SELECT seq FROM commits WHERE attempt_id = ? ORDER BY seq').all(start.attemptId) as { seq: number }[]);
    expect(recorded.map((r) => r.seq)).toEqual(seqs);
  });

  it('refuses commits that arrive together out of order without leaving a line for any refused one', async () => {
    const h = open();
    await workerRunning();
    const { start, cmiOf } = await assessment(h);
    const before = journalJs(h.dataDir);
    const replies = await Promise.all([3, 1, 2, 3].map((seq) => h.raw('attempts.commit', { attemptId: start.attemptId, seq, cmi: cmiOf(seq) })));
    // 3 first; then 1 and 2 go backwards; the second 3 is the same data again, so it gets the recorded verdict.
    expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'conflict', 'conflict', 'ok']);
    expect(journalJs(h.dataDir)).toEqual([...before, before.at(-1)! + 1]);
    expect(databaseJ(h.dataDir)).toBe(before.at(-1)! + 1);
  });

  it('keeps a commit made just before a close, refuses one after it, and the worker serves the folder opened again', async () => {
    const first = harness();
    let reopened: Harness | null = null;
    try {
      await workerRunning();
      const { start, cmiOf } = await assessment(first);
      const sent = first.raw('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: cmiOf(1) });
      first.close();
      const late = await first.raw('attempts.commit', { attemptId: start.attemptId, seq: 2, cmi: cmiOf(2) });
      expect((await sent).ok, 'the commit sent before the close was acknowledged').toBe(true);
      expect(late.ok, 'a commit after the close is refused, not crashed on').toBe(false);
      const js = journalJs(first.dataDir);
      expect(databaseJ(first.dataDir), 'nothing in the journal the database lacks').toBe(js.at(-1));

      reopened = harness({ dataDir: first.dataDir });
      expect(reopened.services.records.events.filter((e) => /applied/.test(e.message)), 'no replay was needed').toEqual([]);
      const served = fsyncOffMain.served;
      const again = await reopened.raw('attempts.commit', { attemptId: start.attemptId, seq: 2, cmi: cmiOf(2) });
      expect(again.ok).toBe(false); // the learner signed in before the close is not signed in now
      reopened.services.records.store.audit('admin', 'export.csv', { rows: 1 });
      expect(fsyncOffMain.served, 'the worker flushed the reopened folder’s line').toBe(served + 1);
      expect(journalJs(first.dataDir).at(-1)).toBe(js.at(-1)! + 1);
    } finally {
      reopened?.close();
      removeDir(first.dataDir);
    }
  });
});

describe('the reply made while the line is flushed', () => {
  it('keeps the commit when making its reply fails, and the same commit sent again gets the recorded verdict', async () => {
    const h = open();
    await workerRunning();
    const { start, cmiOf } = await assessment(h);
    const store = h.services.records.store;
    const before = journalJs(h.dataDir);
    expect(() =>
      store.commit(start.attemptId, 1, cmiOf(1), false, () => {
        throw new Error('the reply could not be made');
      }),
    ).toThrow('the reply could not be made');

    // Recorded all the same: in the journal and the database, under the next number.
    expect(journalJs(h.dataDir)).toEqual([...before, before.at(-1)! + 1]);
    expect(databaseJ(h.dataDir)).toBe(before.at(-1)! + 1);
    const again = await h.call('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: cmiOf(1) });
    expect(again.durable).toBe(true);
    expect(again.judged, 'the answer is revealed as for any commit').toHaveLength(1);
    expect(journalJs(h.dataDir), 'the same commit again is not recorded twice').toEqual([...before, before.at(-1)! + 1]);
  });
});
