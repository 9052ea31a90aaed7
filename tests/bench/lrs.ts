import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Bundle } from '@content/schema';
import { LrsService } from '@services/lrs';
import { startLrs } from '../helpers/lrs';
import { seedStaffAttempts } from './seed';
import { round1 } from './stats';
import { BENCH_NOW, openBenchStore, removeDir } from './store';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Issue 19 item 5: statements per second from the outbox to the local test LRS (Learning Locker's
 * statements service, in memory) through the real sender: `attempts` staff attempts put on record
 * by direct SQL and queued, then one sync run timed from start to nothing left.
 */
export async function measureSync(bundle: Bundle, attempts: number): Promise<{ statementsPerSecond: number; statements: number; attempts: number; seconds: number; batches: number }> {
  const store = openBenchStore(bundle);
  const lrs = await startLrs();
  await store.warmedUp;
  try {
    withRawRecordsDb(store.services.dataDir, (db) => seedStaffAttempts(db, bundle, BENCH_NOW, attempts, 'sync', store.services.settings.get().policyVersionLabel));
    withRawRecordsDb(store.services.dataDir, (db) => db.exec(`INSERT OR IGNORE INTO lrs_outbox (attempt_id, queued_at)
      SELECT a.id, a.finished_at FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.kind = 'staff' AND a.finished_at IS NOT NULL`));
    const keyFile = path.join(path.dirname(store.dir), `${path.basename(store.dir)}.key`);
    writeFileSync(keyFile, 'bench:bench\n');
    store.services.settings.set({ lrs: { endpoint: lrs.endpoint, keyFile }, lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} } });
    const sender = new LrsService({ db: store.services.db, dataDir: store.dir, bundle, settings: () => store.services.settings.get(), write: (e) => void store.services.records.store.write(e), clock: () => new Date(BENCH_NOW) });
    const queued = sender.outbox.pendingCount();
    const t = performance.now();
    const r = await sender.sync();
    const seconds = (performance.now() - t) / 1000;
    rmSync(keyFile, { force: true });
    if (r.outcome !== 'done' || r.pending !== 0) throw new Error(`the sync did not finish: ${r.message}`);
    return { statementsPerSecond: Math.round(r.sentStatements / seconds), statements: r.sentStatements, attempts: queued, seconds: Math.round(seconds * 100) / 100, batches: Math.ceil(r.sentStatements / 250) };
  } finally {
    await lrs.stop();
    store.close();
    removeDir(store.dir);
  }
}

function child(args: string[], rssFile: string): Promise<{ seconds: number; peakRssMB: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', '--import', path.join(__dirname, 'peak-rss.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (out += d.toString()));
    c.on('error', reject);
    c.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${args.slice(0, 2).join(' ')} exited with ${code}: ${out.trim().slice(-600)}`));
      const rss = JSON.parse(readFileSync(rssFile, 'utf8')) as { peakRssKB: number };
      resolve({ seconds: Math.round(seconds * 100) / 100, peakRssMB: round1(rss.peakRssKB / 1024), out });
    });
  });
}

/**
 * Issue 19 item 5: a records file of the whole seeded data folder (written by `npm run export --
 * --format records`), merged into an empty PC by `npm run records -- import`, in its own process:
 * wall time and peak RSS of the import.
 */
export async function measureImport(dataDir: string, bundle: Bundle): Promise<{ seconds: number; peakRssMB: number; fileMB: number; attemptsAdded: number }> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'induction-bench-import-'));
  try {
    const file = path.join(work, 'school.records');
    await child([path.join(ROOT, 'electron/cli/export.ts'), '--data', dataDir, '--format', 'records', '--out', file], path.join(work, 'export-rss.json'));
    const target = openBenchStore(bundle); // an HR PC with empty records
    await target.warmedUp;
    target.close();
    try {
      const r = await child([path.join(ROOT, 'electron/cli/records.ts'), 'import', '--data', target.dir, '--from', file, '--json'], path.join(work, 'import-rss.json'));
      const report = JSON.parse(r.out.trim().split('\n').find((l) => l.startsWith('{')) ?? '{}') as { attemptsAdded?: number };
      const fileMB = round1(readFileSync(file).length / 2 ** 20);
      return { seconds: r.seconds, peakRssMB: r.peakRssMB, fileMB, attemptsAdded: report.attemptsAdded ?? 0 };
    } finally {
      removeDir(target.dir);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
