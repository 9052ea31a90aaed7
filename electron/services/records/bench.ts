import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle } from '@content/schema';
import { ELEMENTS, type Cmi } from '@content/scorm';
import { DEFAULT_SETTINGS } from '../settings';
import { addInteraction, demoAnswers, itemsOf, rng } from './demo';
import { RecordsService } from './service';
import { openDatabase } from '../storage';
import { attemptsForExport } from './queries/export';
import { recordsSummary } from './queries/summary';

export interface BenchResult {
  attempts: number;
  databaseMB: number;
  commits: number;
  commitP50ms: number;
  commitP99ms: number;
  startupMs: number;
  exportRowsPerSecond: number;
  summaryMs: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Fills a store with `size` finished staff attempts (rows written directly, in bulk: what is
 * measured is the store at that size, not the filling), then times `commits` real commits through
 * the store's commit path (validation, re-scoring, transaction with synchronous=FULL, journal fsync),
 * a restart (lock, integrity_check, journal read), the export iterator and the summary query.
 */
export function benchAtSize(bundle: Bundle, size: number, commits: number, dir?: string): BenchResult {
  const dataDir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'records-bench-'));
  const settings = () => DEFAULT_SETTINGS;
  let service = RecordsService.open({ dataDir, bundle, clock: () => new Date(), settings, purpose: 'bench', schedule: false });
  const course = bundle.courses.find((c) => c.audience === 'staff' && c.modules.some((m) => m.kind === 'assessment'));
  const module = course?.modules.find((m) => m.kind === 'assessment');
  if (!course || !module) throw new Error('the bundle has no staff assessment to measure with');
  try {
    // The bulk rows are the benchmark's fixture, not records anyone acknowledged: put straight into
    // the file on a connection of the bench's own (the store's writer stays the store's alone).
    const db = openDatabase(service.files.database, { migrate: false });
    const drawn = JSON.stringify(course.bank.slice(0, 12).map((i) => i.id));
    const cmi = JSON.stringify({ version: 'scorm2004', data: { 'cmi.completion_status': 'completed', 'cmi.suspend_data': 'x'.repeat(600) } });
    db.exec('BEGIN');
    const learner = db.prepare(
      "INSERT INTO learners (id, kind, name, work_email, school, role, pin_hash, first_sign_in_at, last_seen_at) VALUES (?, 'staff', ?, ?, 'Bench School', 'teaching', 'x', ?, ?)",
    );
    const attempt = db.prepare(
      `INSERT INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version, drawn_item_ids, started_at, updated_at, finished_at, status, score_percent, correct, total, cmi, last_seq)
       VALUES (?, ?, ?, ?, '1.0.0', '0.1', 'scorm2004', ?, ?, ?, ?, ?, ?, ?, 12, ?, 2)`,
    );
    const commit = db.prepare("INSERT INTO commits (attempt_id, seq, kind, at, digest, changes, status, verdict) VALUES (?, ?, ?, ?, 'd', '{}', ?, '{}')");
    let learnerId = '';
    for (let i = 0; i < size; i++) {
      if (i % 3 === 0) {
        learnerId = randomUUID();
        const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
        learner.run(learnerId, `Bench Learner ${i}`, `bench${i}@example.sch.uk`, at, at);
      }
      const id = randomUUID();
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const passed = i % 4 !== 0;
      attempt.run(id, learnerId, course.id, module.id, drawn, at, at, at, passed ? 'passed' : 'failed', passed ? 91.7 : 58.3, passed ? 11 : 7, cmi);
      commit.run(id, 1, 'commit', at, 'in-progress');
      commit.run(id, 2, 'finish', at, passed ? 'passed' : 'failed');
    }
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();

    // Real commits through the store: 12 answers, a commit after each, then the finish.
    const store = service.store;
    const r = rng('bench');
    const times: number[] = [];
    let made = 0;
    let who = '';
    while (made < commits) {
      if (made % 26 === 0) {
        who = randomUUID();
        store.write({ k: 'learner.staff', learnerId: who, at: new Date().toISOString(), name: 'Timed Learner', workEmail: `${who}@example.sch.uk`, staffId: null, school: 'Bench School', role: 'teaching', pinHash: 'x' });
      }
      const start = store.startAttempt(who, course.id, module.id);
      const items = itemsOf(course, module, start.drawnItemIds);
      const answers = demoAnswers(r, bundle, items, 0.85, false);
      const c: Cmi = { version: start.scormVersion, data: {} };
      for (let i = 0; i < answers.length && made < commits; i++) {
        const a = answers[i];
        if (!a) continue;
        addInteraction(c, i, a);
        c.data[ELEMENTS[start.scormVersion].location] = `q${i + 1}`;
        const t0 = performance.now();
        store.commit(start.attemptId, i + 1, c, i === answers.length - 1);
        times.push(performance.now() - t0);
        made++;
      }
    }
    times.sort((a, b) => a - b);
    service.close();

    const t1 = performance.now();
    service = RecordsService.open({ dataDir, bundle, clock: () => new Date(), settings, purpose: 'bench', schedule: false });
    const startupMs = performance.now() - t1;
    const t2 = performance.now();
    let rows = 0;
    for (const _row of attemptsForExport(service.db)) rows++;
    const exportMs = performance.now() - t2;
    const t3 = performance.now();
    recordsSummary(service.db);
    const summaryMs = performance.now() - t3;
    const databaseMB = statSync(path.join(dataDir, 'records.sqlite')).size / 1e6;
    return {
      attempts: rows,
      databaseMB: round(databaseMB, 1),
      commits: times.length,
      commitP50ms: round(quantile(times, 0.5)),
      commitP99ms: round(quantile(times, 0.99)),
      startupMs: Math.round(startupMs),
      exportRowsPerSecond: Math.round(rows / (exportMs / 1000)),
      summaryMs: round(summaryMs, 1),
    };
  } finally {
    service.close();
    if (!dir) rmSync(dataDir, { recursive: true, force: true });
  }
}
