import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cmi } from '@content/scorm';
import { RecordsService } from '@services/records';
import { SettingsService } from '@services/settings/service';
import { fsyncDir, recordFiles, type RecordsIo } from '@services/storage';
import { testBundle } from '@tests/helpers/bundle';
import { answeredCmi, assessmentOf, course, removeDir, tempDir } from './helpers';

/**
 * Issue 21 item 2: power cuts, not only SIGKILL. A SIGKILL never loses what the operating system
 * holds in its buffers; a power cut loses everything not fsync'd. The records' own durable I/O goes
 * through one seam (storage/file-io.ts); here a recording seam notes, in order, every journal write,
 * every fsync, every COMMIT (with SQLite's files as they were when it returned) and every reply to
 * the learner. Then, for every moment of the series, the folder a power cut would leave is built:
 *
 * - the journal: only the bytes fsync'd by then (and, separately, with half of the rest torn off
 *   mid-line, as a cut during a write leaves it);
 * - the database: SQLite's own I/O is not under our seam, so each state it can honestly be in:
 *   as at its last COMMIT (WAL with synchronous=FULL), rolled back to its last checkpoint (the WAL
 *   lost: a disk that reordered or dropped writes), or lost altogether;
 *
 * and the app is started on it (recovery: restore, replay the journal). Every commit the learner was
 * told was durable must be there. Then the learner's renderer re-sends the commit it was waiting
 * for (as it does after a restart), and a second cut takes the database away: the journal alone
 * must still bring back every commit that was ever acknowledged. That second cut is what catches a
 * journal fsync'd after COMMIT: the database may then hold a change the journal lacks, and the
 * re-sent commit is acknowledged from the database's copy alone.
 */

type Event =
  | { kind: 'write'; data: Buffer }
  | { kind: 'fsync' }
  | { kind: 'commit'; main: Buffer; wal: Buffer | null }
  | { kind: 'send'; sent: number }
  | { kind: 'ack'; attemptId: string; seq: number; status: string };

const bundle = testBundle();
const NOW = new Date('2026-11-27T10:00:00Z');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const snapshot = (database: string): { main: Buffer; wal: Buffer | null } => ({
  main: readFileSync(database),
  wal: existsSync(`${database}-wal`) ? readFileSync(`${database}-wal`) : null,
});

/** The records seam as production has it, noting each step (only the journal is opened through it). */
function recordingIo(database: string, events: Event[]): RecordsIo {
  return {
    openAppend: (file) => openSync(file, 'a'),
    openTruncate: (file) => openSync(file, 'w'),
    append(fd, data) {
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off);
      events.push({ kind: 'write', data: Buffer.from(data) });
    },
    fsync(fd) {
      fsyncSync(fd);
      events.push({ kind: 'fsync' });
    },
    syncDir: (dir) => fsyncDir(dir),
    close: (fd) => closeSync(fd),
    commit(db: DatabaseSync) {
      db.exec('COMMIT');
      events.push({ kind: 'commit', ...snapshot(database) });
    },
  };
}

function open(dataDir: string, io?: RecordsIo): RecordsService {
  let settings: SettingsService | null = null;
  const service = RecordsService.open({
    dataDir,
    bundle,
    clock: () => new Date(NOW),
    settings: () => (settings as SettingsService).get(),
    schedule: false,
    ...(io ? { io } : {}),
  });
  settings = new SettingsService(service.db, (e) => void service.store.write(e));
  return service;
}

interface Sent {
  attemptId: string;
  seq: number;
  cmi: Cmi;
  finish: boolean;
}

/** Two members of staff at work: sign-ins, attempts started, commits after each answer, a finish, a checkpoint between them. */
async function series(service: RecordsService, events: Event[], sent: Sent[]): Promise<void> {
  const store = service.store;
  const c = course(bundle, 'staff-induction');
  const m = assessmentOf(c);
  const send = (s: Sent): void => {
    events.push({ kind: 'send', sent: sent.push(s) - 1 });
    const reply = store.commit(s.attemptId, s.seq, s.cmi, s.finish);
    events.push({ kind: 'ack', attemptId: s.attemptId, seq: s.seq, status: reply.verdict.status });
  };
  for (const who of ['ann', 'ben']) {
    const { learnerId } = await store.signIn({ name: `${who} Example`, workEmail: `${who}@example.sch.uk`, school: 'Example Academy', role: 'teaching', pin: '246802' });
    const start = store.startAttempt(learnerId, c.id, m.id);
    const answers = who === 'ann' ? 3 : 2;
    for (let n = 1; n <= answers; n++) {
      send({ attemptId: start.attemptId, seq: n, cmi: answeredCmi(bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: n }), finish: false });
    }
    if (who === 'ann') {
      send({ attemptId: start.attemptId, seq: answers + 1, cmi: answeredCmi(bundle, c, m, start.drawnItemIds, { right: () => true }), finish: true });
      // What SQLite's automatic checkpoint does once the WAL is large: the pages move into the main file.
      service.store.truncateWal();
    }
  }
}

type DatabaseAfterCut = 'as at its last commit' | 'rolled back to its last checkpoint' | 'lost';
type JournalAfterCut = 'fsynced bytes only' | 'torn mid-line';

/** The data folder a power cut after `events[0..cut)` leaves, in a new directory. */
function folderAfterCut(events: Event[], cut: number, first: { main: Buffer; wal: Buffer | null }, database: DatabaseAfterCut, journal: JournalAfterCut): string {
  let synced = 0;
  const written: Buffer[] = [];
  let lastCommit = first;
  for (const e of events.slice(0, cut)) {
    if (e.kind === 'write') written.push(e.data);
    if (e.kind === 'fsync') synced = Buffer.concat(written).length;
    if (e.kind === 'commit') lastCommit = e;
  }
  const all = Buffer.concat(written);
  const tail = all.subarray(synced);
  const journalBytes = journal === 'fsynced bytes only' ? all.subarray(0, synced) : Buffer.concat([all.subarray(0, synced), tail.subarray(0, Math.floor(tail.length / 2))]);
  const dir = tempDir('power-cut-');
  dirs.push(dir);
  const files = recordFiles(dir);
  writeFileSync(files.journal, journalBytes);
  if (database !== 'lost') writeFileSync(files.database, lastCommit.main);
  if (database === 'as at its last commit' && lastCommit.wal) writeFileSync(`${files.database}-wal`, lastCommit.wal);
  return dir;
}

/** What the learners were told was durable before the cut, and the commit the renderer was still waiting for. */
function acknowledgedBefore(events: Event[], cut: number, sent: Sent[]): { acked: Map<string, { seq: number; status: string }>; waiting: Sent | null } {
  const acked = new Map<string, { seq: number; status: string }>();
  let waiting: Sent | null = null;
  for (const e of events.slice(0, cut)) {
    if (e.kind === 'send') waiting = sent[e.sent] ?? null;
    if (e.kind === 'ack') {
      acked.set(`${e.attemptId}/${e.seq}`, { seq: e.seq, status: e.status });
      waiting = null;
    }
  }
  return { acked, waiting };
}

function expectAllThere(service: RecordsService, acked: Map<string, { seq: number; status: string }>, where: string): void {
  for (const [key, a] of acked) {
    const [attemptId] = key.split('/') as [string];
    const row = service.db.prepare('SELECT status FROM commits WHERE attempt_id = ? AND seq = ?').get(attemptId, a.seq) as { status: string } | undefined;
    expect(row?.status, `${where}: commit ${key} was acknowledged but is missing after recovery`).toBe(a.status);
  }
}

describe('power cuts at every step of a series of commits', () => {
  it('keep every acknowledged commit, whatever state the database is left in', async () => {
    const live = tempDir('power-cut-live-');
    dirs.push(live);
    const database = recordFiles(live).database;
    const events: Event[] = [];
    const sent: Sent[] = [];
    const setup = open(live);
    setup.close(); // the folder prepared (migrations) before the series: the state a cut falls back to at worst
    const first = snapshot(database);
    const service = open(live, recordingIo(database, events));
    await series(service, events, sent);
    service.close();
    expect(events.filter((e) => e.kind === 'ack').length).toBe(sent.length);

    const databases: DatabaseAfterCut[] = ['as at its last commit', 'rolled back to its last checkpoint', 'lost'];
    let cuts = 0;
    for (let cut = 0; cut <= events.length; cut++) {
      const { acked, waiting } = acknowledgedBefore(events, cut, sent);
      for (const state of databases) {
        for (const journal of ['fsynced bytes only', 'torn mid-line'] as const) {
          if (journal === 'torn mid-line' && state !== 'lost') continue;
          const where = `cut after event ${cut} of ${events.length}, database ${state}, journal ${journal}`;
          const dir = folderAfterCut(events, cut, first, state, journal);
          const after = open(dir);
          const toldDurable = new Map(acked);
          try {
            expect(after.health(true).integrity, where).toBe('ok');
            expectAllThere(after, acked, where);
            // The renderer re-sends the commit it never had a reply to.
            if (waiting && after.store.attempt(waiting.attemptId)) {
              const reply = after.store.commit(waiting.attemptId, waiting.seq, waiting.cmi, waiting.finish);
              toldDurable.set(`${waiting.attemptId}/${waiting.seq}`, { seq: waiting.seq, status: reply.verdict.status });
            }
          } finally {
            after.close();
          }
          // A second cut loses the database: the journal alone must hold everything acknowledged.
          const again = tempDir('power-cut-again-');
          dirs.push(again);
          copyFileSync(recordFiles(dir).journal, recordFiles(again).journal);
          const rebuilt = open(again);
          try {
            expectAllThere(rebuilt, toldDurable, `${where}, then the database lost`);
          } finally {
            rebuilt.close();
          }
          removeDir(dir);
          removeDir(again);
          cuts++;
        }
      }
    }
    expect(cuts).toBeGreaterThan(100);
  }, 600_000);
});
