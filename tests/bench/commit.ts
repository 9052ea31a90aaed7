import { performance } from 'node:perf_hooks';
import type { Item } from '@content/schema';
import { channels } from '@contract';
import type { AttemptStartReply } from '@contract/channels/records';
import { openDatabase } from '@services/storage/database';
import { rescore } from '@services/records/verdict';
import { loadTimeline } from '@services/records/timeline';
import { assessmentCmi } from './cmi';
import { call, type BenchStore } from './store';
import { median, ms, percentile } from './stats';
import { openedRecordsOf } from '@tests/helpers/records-db';

export interface CommitSamples {
  total: number[];
  /** CPU time (user + system) of each commit: its own work, without waiting for the disk or the CPU. */
  cpu: number[];
  validate: number[];
  rescore: number[];
  journalFsync: number[];
  sqliteCommit: number[];
  /** The exact JSON bytes each commit carried (the bare-insert baseline writes the same). */
  bodies: string[];
  /** The bare insert of those bytes, timed right after each commit (when a baseline is given). */
  bare: number[];
}

export interface CommitFigure {
  p50: number;
  p99: number;
  samples: number;
}

const learnerFor = new WeakMap<BenchStore, string>();

async function benchLearner(store: BenchStore): Promise<string> {
  const known = learnerFor.get(store);
  if (known) return known;
  const reply = await call<{ learnerId: string }>(store.dispatch, 'learners.signIn', {
    name: 'Bench Learner',
    workEmail: 'bench.learner@bench.school.uk',
    school: 'Hayle Academy',
    role: 'teaching',
    pin: '482613',
  });
  learnerFor.set(store, reply.learnerId);
  return reply.learnerId;
}

/**
 * `attempts.commit` through the real dispatcher and records store, as the renderer's commits
 * arrive over IPC: a staff learner takes the assessment and commits after every answer (12 per
 * attempt, the cmi growing by one interaction each time), then finishes (not timed) and starts
 * again. Main's time on the journal line (writing it, starting its fsync, waiting for the flush before
 * COMMIT) and the COMMIT are timed in place by wrapping those calls on this store's own objects;
 * validation (the request schema with the cmi's rules, as the dispatcher checks it) and re-scoring
 * are timed on the identical inputs right after each commit.
 */
export async function measureCommits(store: BenchStore, attemptsToRun: number, warmup: number, baseline?: BareInsert): Promise<CommitSamples> {
  const { services, dispatch } = store;
  const learnerId = await benchLearner(store);
  const bundle = services.bundle;
  const course = bundle.courses.find((c) => c.id === 'staff-induction');
  const module = course?.modules.find((m) => m.kind === 'assessment');
  if (!course || !module) throw new Error('no staff assessment in the bundle');
  const byId = new Map<string, Item>(course.bank.map((i) => [i.id, i]));

  const opened = openedRecordsOf(services.records);
  const journal = opened.journal;
  const db = opened.db;
  let journalMs = 0;
  let commitMs = 0;
  // Main's time on the journal line: writing it and starting its fsync, then waiting for the flush before COMMIT.
  const appendStarted = journal.appendStarted.bind(journal);
  journal.appendStarted = (entry) => {
    const t = performance.now();
    const line = appendStarted(entry);
    journalMs += performance.now() - t;
    return {
      ...line,
      durable: () => {
        const t1 = performance.now();
        try {
          line.durable();
        } finally {
          journalMs += performance.now() - t1;
        }
      },
    };
  };
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    if (sql !== 'COMMIT') return exec(sql);
    const t = performance.now();
    exec(sql);
    commitMs += performance.now() - t;
  };

  const out: CommitSamples = { total: [], cpu: [], validate: [], rescore: [], journalFsync: [], sqliteCommit: [], bodies: [], bare: [] };
  let n = 0;
  try {
    for (let a = 0; a < attemptsToRun; a++) {
      const start = await call<AttemptStartReply>(dispatch, 'attempts.start', { learnerId, courseId: course.id, moduleId: module.id });
      const items = start.drawnItemIds.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
      let seq = start.nextSeq;
      for (let answered = 1; answered <= items.length; answered++, seq++) {
        const cmi = assessmentCmi(items, answered, false);
        const request = { attemptId: start.attemptId, seq, cmi };
        journalMs = 0;
        commitMs = 0;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await call(dispatch, 'attempts.commit', request);
        const total = performance.now() - t0;
        const c1 = process.cpuUsage(c0);

        const t1 = performance.now();
        // What the commit checks: the request schema, the cmi's rules inside it, once (the store
        // takes the cmi the schema passed; the previous cmi is the one kept when it was written).
        channels['attempts.commit'].request.safeParse(request);
        const validate = performance.now() - t1;
        const t2 = performance.now();
        rescore(bundle, { courseId: course.id, moduleId: module.id, audience: 'staff', drawnItemIds: start.drawnItemIds }, cmi.version, loadTimeline(db, start.attemptId), false);
        const rescoreMs = performance.now() - t2;
        const body = JSON.stringify(cmi);
        // The floor, right after: the same bytes, the same moment's disk and CPU.
        const bare = baseline ? baseline.insert(body) : null;

        if (n++ >= warmup) {
          if (bare !== null) out.bare.push(bare);
          out.total.push(total);
          out.cpu.push((c1.user + c1.system) / 1000);
          out.validate.push(validate);
          out.rescore.push(rescoreMs);
          out.journalFsync.push(journalMs);
          out.sqliteCommit.push(commitMs);
          out.bodies.push(body);
        }
      }
      const done = assessmentCmi(items, items.length, true);
      await call(dispatch, 'attempts.finish', { attemptId: start.attemptId, seq, cmi: done });
    }
  } finally {
    journal.appendStarted = appendStarted;
    db.exec = exec;
  }
  return out;
}

export const commitFigure = (s: CommitSamples): CommitFigure => ({ p50: ms(percentile(s.total, 50)), p99: ms(percentile(s.total, 99)), samples: s.total.length });

export interface BareInsert {
  insert(body: string): number;
  close(): void;
}

/**
 * The floor: one INSERT of the same JSON bytes into a bare table, autocommit, in a database opened
 * by the app's own `openDatabase` (WAL, synchronous=FULL, foreign keys) in the same folder.
 * Timed interleaved with the commits (one each, alternately), so both see the same load.
 */
export function bareInsert(file: string): BareInsert {
  const db = openDatabase(file, { migrate: false });
  db.exec('CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO bare (body) VALUES (?)');
  return {
    insert: (body) => {
      const t = performance.now();
      ins.run(body);
      return performance.now() - t;
    },
    close: () => db.close(),
  };
}

export function breakdown(s: CommitSamples): Record<string, number> {
  const p50 = (xs: number[]): number => ms(median(xs));
  const total = p50(s.total);
  const parts = { validate: p50(s.validate), rescore: p50(s.rescore), journalFsync: p50(s.journalFsync), sqliteCommit: p50(s.sqliteCommit) };
  const rest = total - parts.validate - parts.rescore - parts.journalFsync - parts.sqliteCommit;
  return { total, ...parts, other: ms(Math.max(0, rest)), cpu: p50(s.cpu) };
}
