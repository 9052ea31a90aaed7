import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { openedRecordsOf } from '@tests/helpers/records-db';
import { RecordsService } from '@services/records';
import { SettingsService } from '@services/settings/service';
import { fsyncDir, FsyncOffMain, nodeRecordsIo, parseJournal, readJournal, type RecordsIo } from '@services/storage';
import { testBundle } from '@tests/helpers/bundle';
import { answeredCmi, assessmentOf, course, removeDir, tempDir } from './helpers';

/**
 * The commit path's order, at the one moment that matters: when SQLite commits a change, the
 * journal already holds it, fsync'd, under the number the database records. Then a power cut at
 * any later moment loses nothing the learner was told was kept, even if the database is lost too
 * (tests/services/records/power-cut.test.ts plays every such cut; this is the quick check of the
 * same order). And a journal that cannot be written refuses the change: nothing is recorded.
 */

const bundle = testBundle();
const NOW = new Date('2026-11-27T10:00:00Z');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

interface AtCommit {
  /** The journal numbers that were fsync'd when COMMIT ran, in file order. */
  durable: number[];
  /** The database's journal number once the COMMIT returned. */
  seq: number;
}

/** The production seam, noting which journal lines were fsync'd at each COMMIT; `full` makes the disk refuse writes. */
function watchingIo(commits: AtCommit[], disk: { full: boolean }): RecordsIo {
  const written: Buffer[] = [];
  let synced = Buffer.alloc(0);
  return {
    openAppend: (file) => openSync(file, 'a'),
    openTruncate: (file) => openSync(file, 'w'),
    append(fd, data) {
      if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off);
      written.push(Buffer.from(data));
    },
    fsync(fd) {
      fsyncSync(fd);
      synced = Buffer.concat(written);
    },
    syncDir: (dir) => fsyncDir(dir),
    close: (fd) => closeSync(fd),
    commit(db: DatabaseSync) {
      const durable = parseJournal(synced.toString('utf8')).entries.map((e) => e.j);
      db.exec('COMMIT');
      const { value } = db.prepare("SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string };
      commits.push({ durable, seq: Number(value) });
    },
  };
}

function open(dataDir: string, io: RecordsIo): RecordsService {
  let settings: SettingsService | null = null;
  const service = RecordsService.open({ dataDir, bundle, clock: () => new Date(NOW), settings: () => (settings as SettingsService).get(), schedule: false, io });
  settings = new SettingsService(service.db, (e) => void service.store.write(e));
  return service;
}

const auditCount = (s: RecordsService): number => (s.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the commit path', () => {
  it('has every change fsync’d in the journal, once and in order, before the database commits it', async () => {
    const dir = tempDir('durable-order-');
    dirs.push(dir);
    const commits: AtCommit[] = [];
    const service = open(dir, watchingIo(commits, { full: false }));
    try {
      const store = service.store;
      const c = course(bundle, 'staff-induction');
      const m = assessmentOf(c);
      const { learnerId } = await store.signIn({ name: 'Ann Example', workEmail: 'ann@example.sch.uk', school: 'Example Academy', role: 'teaching', pin: '246802' });
      const start = store.startAttempt(learnerId, c.id, m.id);
      for (const n of [1, 2]) store.commit(start.attemptId, n, answeredCmi(bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: n }), false);
      store.commit(start.attemptId, 3, answeredCmi(bundle, c, m, start.drawnItemIds, { right: () => true }), true);
      // An import's batch: several changes, one fsync, one COMMIT.
      store.writeBatch((_db, write) => ['a', 'b', 'c'].map((x) => write({ k: 'audit', at: NOW.toISOString(), actor: 'admin', action: `import.${x}`, detail: {} })));

      expect(commits.length).toBeGreaterThanOrEqual(6);
      let before = 0;
      for (const [i, at] of commits.entries()) {
        // Every number up to the database's own is durable, each once: a power cut now loses nothing.
        expect(at.durable, `commit ${i}`).toEqual(Array.from({ length: at.seq }, (_, k) => k + 1));
        expect(at.seq, `commit ${i} moved the journal number on`).toBeGreaterThan(before);
        before = at.seq;
      }
      expect(commits.at(-1)!.seq - commits.at(-2)!.seq, 'the batch’s three changes').toBe(3);
    } finally {
      service.close();
    }
  });

  it('refuses a change the journal cannot hold, says to check the disk, and records none of it', async () => {
    const dir = tempDir('durable-order-full-');
    dirs.push(dir);
    const commits: AtCommit[] = [];
    const disk = { full: false };
    const service = open(dir, watchingIo(commits, disk));
    try {
      const store = service.store;
      store.audit('admin', 'export.csv', { rows: 1 });
      const seqBefore = commits.at(-1)!.seq;
      const auditsBefore = auditCount(service);
      disk.full = true;
      expect(() => store.audit('admin', 'export.csv', { rows: 2 })).toThrow(/journal could not be written.*ENOSPC.*nothing was recorded.*disk has space/);
      expect(() => store.writeBatch((_db, write) => write({ k: 'audit', at: NOW.toISOString(), actor: 'admin', action: 'import.x', detail: {} }))).toThrow(
        /journal could not be written.*nothing was recorded/,
      );
      expect(auditCount(service)).toBe(auditsBefore);
      // Space freed: the next change is recorded under the next number, with no gap left by the refusals.
      disk.full = false;
      store.audit('admin', 'export.csv', { rows: 3 });
      expect(commits.at(-1)).toEqual({ durable: Array.from({ length: seqBefore + 1 }, (_, k) => k + 1), seq: seqBefore + 1 });
      expect(auditCount(service)).toBe(auditsBefore + 1);
    } finally {
      service.close();
    }
  });

  it('refuses a change whose journal line could not be flushed (the flush on its own thread), takes the line back out, and goes on', async () => {
    const dir = tempDir('durable-order-flush-');
    dirs.push(dir);
    const worker = new FsyncOffMain();
    const disk = { failing: false };
    // /dev/null cannot be flushed (EINVAL): what the worker's fsync says when the disk fails.
    const nul = openSync('/dev/null', 'a');
    const io: RecordsIo = { ...nodeRecordsIo, fsyncBegin: (fd) => worker.begin(disk.failing ? nul : fd) };
    const service = open(dir, io);
    try {
      const store = service.store;
      worker.start();
      for (let i = 0; i < 500 && !worker.running; i++) await new Promise((r) => setTimeout(r, 10));
      store.audit('admin', 'export.csv', { rows: 1 });
      const served = worker.served;
      const auditsBefore = auditCount(service);
      const journalBefore = readJournal(recordFiles(dir).journal).entries.map((e) => e.j);

      disk.failing = true;
      expect(() => store.audit('admin', 'export.csv', { rows: 2 })).toThrow(/journal could not be written.*EINVAL.*nothing was recorded/);
      expect(worker.served, 'the failed flush was the worker’s').toBe(served + 1);
      expect(auditCount(service)).toBe(auditsBefore);
      expect(readJournal(recordFiles(dir).journal).entries.map((e) => e.j), 'the refused change’s line is gone').toEqual(journalBefore);

      disk.failing = false;
      store.audit('admin', 'export.csv', { rows: 3 });
      const after = readJournal(recordFiles(dir).journal).entries.map((e) => e.j);
      expect(after, 'the next change under the next number, once').toEqual([...journalBefore, journalBefore.at(-1)! + 1]);
      expect(auditCount(service)).toBe(auditsBefore + 1);
    } finally {
      service.close();
      worker.stop();
      closeSync(nul);
    }
  });

  it('takes back the line of a change whose statements failed, so a replay never applies it', () => {
    const dir = tempDir('durable-order-statement-');
    dirs.push(dir);
    const service = open(dir, nodeRecordsIo);
    try {
      const store = service.store;
      store.audit('admin', 'export.csv', { rows: 1 });
      const journalBefore = readJournal(recordFiles(dir).journal).entries.map((e) => e.j);
      // A statement the database refuses after the line was written (as a full disk would refuse a page).
      openedRecordsOf(service).db.exec(
        "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'refused' BEGIN SELECT RAISE(ABORT, 'the database refused it'); END",
      );
      expect(() => store.audit('admin', 'refused', {})).toThrow(/the database refused it/);
      expect(readJournal(recordFiles(dir).journal).entries.map((e) => e.j)).toEqual(journalBefore);
      store.audit('admin', 'export.csv', { rows: 2 });
      expect(readJournal(recordFiles(dir).journal).entries.map((e) => e.j)).toEqual([...journalBefore, journalBefore.at(-1)! + 1]);
    } finally {
      service.close();
    }
  });
});
