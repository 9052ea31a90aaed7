// `npm run bench [-- --json] [-- --quick] [-- --out FILE] [-- --markdown] [-- --only a,b]`: issue 8's benchmark
// suite. Progress goes to stderr; stdout carries only the result (one JSON object with --json;
// `npm run --silent bench -- --json` leaves out npm's own banner line).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { FULL_CHECK_AT_START_MAX_BYTES } from '@services/storage';
import { RETENTION_STEP, RETENTION_STEP_MAX, RETENTION_STEP_MIN } from '@services/records/retention';
import { launchChromium } from '../helpers/browser';
import { testBundle } from '../helpers/bundle';
import { budgetLine, worst } from './budget';
import { pageBundle } from './bundle';
import { bareInsert, breakdown, commitFigure, measureCommits, type CommitSamples } from './commit';
import { measureContent } from './content';
import { measurePolicyDiff } from './policy-diff';
import { measureDashboard } from './dashboard';
import { exportFormats, exportNodeOptions, runExport, type ExportFigure } from './exports';
import { measureFirstScreen, medianOf } from './first-screen';
import { measureLessonSteps, READER_PAUSE_MS } from './lesson-step';
import { measureClassSteps } from './class-step';
import { machine } from './machine';
import { markdown } from './markdown';
import { seedOldPupils, seedStaffAttempts } from './seed';
import { longestStallOf } from './stall';
import { median, ms, percentile } from './stats';
import { BENCH_NOW, openBenchStore, removeDir, type BenchStore } from './store';
import { measureImport, measureSync } from './lrs';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const ROOT = path.resolve(__dirname, '../..');
const { values: flags } = parseArgs({
  options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, out: { type: 'string' }, markdown: { type: 'boolean' }, only: { type: 'string' } },
  strict: true,
});
const quick = flags.quick === true;
/** `--only commit,dashboard`: a subset while working on one part (dashboard and export need commit). */
const only = flags.only?.split(',') ?? null;
const log = (msg: string): void => void process.stderr.write(`bench: ${msg}\n`);
const began = performance.now();
const elapsed = (): number => (performance.now() - began) / 1000;

/** How much of everything: the full run (issue 8) or the quick one CI runs so the suite cannot rot. */
const plan = quick
  ? { scale: 1_000, mid: 100, contentRuns: 1, firstScreenRuns: 2, stepSamples: 10, commitAttempts: 2, dashboardRuns: 1, exportPasses: 1, exportBudgetS: 0 }
  : { scale: 100_000, mid: 10_000, contentRuns: 3, firstScreenRuns: 7, stepSamples: 80, commitAttempts: 20, dashboardRuns: 3, exportPasses: 3, exportBudgetS: 300 };
const scaleLabel = quick ? '1k' : '100k';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report is a loose JSON tree, typed where it is built
type Json = any;
const result: Json = {
  mode: quick ? 'quick' : 'full',
  when: new Date().toISOString(),
  machine: machine(),
};
const crashes: string[] = [];

/** Runs one group; a crash leaves its figures null, says why in `conditions`, and fails the run. */
async function group(name: string, empty: Record<string, unknown>, work: () => Promise<Record<string, unknown>>): Promise<void> {
  if (only && !only.includes(name)) return;
  const t = performance.now();
  log(`${name}…`);
  try {
    result[name] = await work();
  } catch (err) {
    const message = (err as Error).stack ?? String(err);
    crashes.push(`${name}: ${(err as Error).message}`);
    log(`${name} FAILED: ${message}`);
    result[name] = { ...empty, conditions: `not measured: the measurement failed: ${(err as Error).message}` };
  }
  log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * The bench measures the code as it is: out/ is rebuilt before every run (a stale out/ once gave a
 * full run the previous build's renderer figures). SKIP_BUILD=1 reuses a complete out/, as the
 * test suites do, while iterating on one main-side group.
 */
function ensureBuilt(): void {
  const needed = ['out/renderer/index.html', 'out/renderer/player.html', 'out/main/bundle.json'];
  if (process.env.SKIP_BUILD === '1' && needed.every((f) => existsSync(path.join(ROOT, f)))) return;
  log('building out/ (electron-vite build)…');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
}

async function main(): Promise<void> {
  ensureBuilt();
  const bundle = testBundle();
  let browser: Browser | null = null;
  const getBrowser = async (): Promise<Browser> => (browser ??= await launchChromium());

  await group('bundle', { raw: null, gzip: null, playerGzip: null }, async () => {
    const app = pageBundle(path.join(ROOT, 'out/renderer/index.html'));
    const player = pageBundle(path.join(ROOT, 'out/renderer/player.html'));
    return {
      raw: app.raw,
      gzip: app.gzip,
      playerRaw: player.raw,
      playerGzip: player.gzip,
      files: app.files,
      playerFiles: player.files,
      conditions:
        'out/renderer as built by electron-vite (built first if missing). Bytes of JS and CSS the page loads before it can run: out/renderer/index.html parsed for module scripts, stylesheets and modulepreloads, then every static import (import/export … from) followed; dynamic import() chunks (lazy views) are not counted. gzip: each file at level 9, summed. playerGzip: the same for out/renderer/player.html (the SCO of the SCORM packages).',
    };
  });

  await group('content', { ms: null }, async () => {
    const c = measureContent(plan.contentRuns);
    return {
      ms: c.ms,
      cpuMs: c.cpuMs,
      runs: c.runs,
      diagnostics: c.diagnostics,
      conditions: `content/tools compileContent() (every YAML file of the course) + analyse() (every check content:check runs), in process; median of ${c.runs} run(s) after one untimed warm-up run; cpuMs = their CPU time (user+system). ${c.diagnostics} diagnostic(s) reported.`,
    };
  });

  // Issue 19 item 5: the time of content:policy-diff on a whole new edition.
  await group('policyDiff', { ms: null }, async () => {
    const d = measurePolicyDiff(plan.contentRuns);
    return {
      ...d,
      conditions: `content:policy-diff in process (content/tools comparePolicy: compile the course for the citing screens and items, then match the ${d.changed} reworded, ${d.removed} removed and ${d.added} new rules of tests/fixtures/policy/edition-1.0.txt, re-wrapped, renumbered and curly-quoted, against the registry); median of ${d.runs} run(s) after one untimed warm-up run; matchMs = the matching alone. Not timed: starting Node and tsx (about a second).`,
    };
  });

  await group('firstScreen', { median: null }, async () => {
    const f = await measureFirstScreen(await getBrowser(), plan.firstScreenRuns);
    const med = medianOf(f.runs);
    return {
      median: med,
      runs: f.runs,
      headingMedian: medianOf(f.headingRuns),
      control: f.control,
      conditions:
        med === null
          ? `not measured: the home screen showed no enabled interactive control (button, link, field) within 10 s in ${f.runs.filter((r) => r === null).length} of ${f.runs.length} run(s). headingMedian is navigation start to the home h1 in place.`
          : `Chromium ${'(/usr/bin/chromium, headless)'} through the preview (tests/helpers/preview.ts: built renderer, real services, production CSP, a fresh data folder set up as the helper does, so the home screen shows rather than the set-up screen). Each run a new browser context (empty HTTP cache) at 1366×768; ms from navigation start (performance.timeOrigin) until a MutationObserver installed before the page's scripts sees the first enabled, visible control in the home screen content (#app main: ${f.control ?? '?'}). Median of ${f.runs.length} runs; the browser and server are already running (app start-up of Electron itself is not included).`,
    };
  });

  await group('lessonStep', { p50: null, p95: null, paintP95: null }, async () => {
    const store = openBenchStore(bundle);
    await store.warmedUp; // the app's start-up done before anyone opens a lesson
    try {
      const l = await measureLessonSteps(await getBrowser(), store.services, plan.stepSamples, READER_PAUSE_MS);
      const dom = l.samples.map((s) => s.dom);
      const paint = l.samples.map((s) => s.paint);
      const atOnce = await measureLessonSteps(await getBrowser(), store.services, plan.stepSamples, 0);
      return {
        p50: ms(percentile(dom, 50)),
        p95: ms(percentile(dom, 95)),
        paintP95: ms(percentile(paint, 95)),
        paintP50: ms(percentile(paint, 50)),
        rafP95: ms(percentile(l.samples.map((s) => s.raf), 95)),
        samples: l.samples.length,
        atOnce: { p95: ms(percentile(atOnce.samples.map((s) => s.dom), 95)), paintP95: ms(percentile(atOnce.samples.map((s) => s.paint), 95)), samples: atOnce.samples.length },
        conditions: `The lesson player as the SCORM 2004 package runs it: the real exporter builds the staff course package (player.html + content.js + assets), served from 127.0.0.1, with scorm-again's Scorm2004API as the LMS (window.API_1484_11). At 1366×768 (a staff PC), each lesson in a new browser context, played from the first screen (${[...new Set(l.modules)].join(', ')}), ${l.samples.length} presses of Next, each ${READER_PAUSE_MS} ms after the step before it was painted (after the first screen showed, for a lesson's first press): the quickest a person sees a screen and presses. Measured in the page with performance.now(): click → a MutationObserver sees the step (data-step/phase/heading) changed = the next screen's DOM in place (p50/p95); paint = the requestAnimationFrame queued then, plus the task posted from it, i.e. after the next frame is painted (headless Chromium, --disable-gpu, 60 Hz frames); rafP95 = to the rAF callback alone. atOnce = the same procedure with each press the instant the step before was painted (${atOnce.samples.length} presses; no learner can press that soon: the page's start and the previous frame's work are still running). Nearest-rank percentiles.`,
      };
    } finally {
      store.close();
      removeDir(store.dir);
    }
  });

  // Issue 19 item 5 / issue 13: a step of a class lesson on the board (class mode).
  await group('classStep', { p50: null, p95: null, paintP95: null }, async () => {
    const c = await measureClassSteps(await getBrowser(), plan.stepSamples);
    const dom = c.samples.map((s) => s.dom);
    const paint = c.samples.map((s) => s.paint);
    return {
      p50: ms(percentile(dom, 50)),
      p95: ms(percentile(dom, 95)),
      paintP95: ms(percentile(paint, 95)),
      samples: c.samples.length,
      conditions: `Class mode's presenter view in Chromium at 1920×1080 through the preview (built renderer, real services, production CSP): a teacher teaches the KS1 lessons (${[...new Set(c.lessons)].join(', ')}); ${c.samples.length} presses of Next or Try again on screens, hints and feedback, timed as the lesson step is (click → the step's DOM changed; paint = after the next frame). The class's answers (classes.answer to main) are given between presses and not timed. Nearest-rank percentiles.`,
    };
  });

  let bigStore: BenchStore | null = null;
  await group('commit', { at0: null, at10k: null, at100k: null, ratio: null }, async () => {
    const store = openBenchStore(bundle);
    bigStore = store;
    await store.warmedUp; // the app started a while before the first learner signs in
    const label = store.services.settings.get().policyVersionLabel;
    const level = async (): Promise<CommitSamples> => measureCommits(store, plan.commitAttempts, 12);
    const at0 = await level();
    log(`commit at0 p50 ${ms(median(at0.total))} ms; seeding to ${plan.mid}…`);
    const s1 = withRawRecordsDb(store.services.dataDir, (db) => seedStaffAttempts(db, bundle, BENCH_NOW, plan.mid, 'a', label));
    const at10k = await level();
    log(`commit at${plan.mid} p50 ${ms(median(at10k.total))} ms; seeding to ${plan.scale}…`);
    const s2 = withRawRecordsDb(store.services.dataDir, (db) => seedStaffAttempts(db, bundle, BENCH_NOW, plan.scale - plan.mid, 'b', label));
    const baseline = bareInsert(path.join(store.dir, 'bare-baseline.sqlite'));
    const at100k = await measureCommits(store, plan.commitAttempts, 12, baseline);
    baseline.close();
    const bare = at100k.bare;
    const commitP50 = median(at100k.total);
    const bareP50 = median(bare);
    return {
      at0: commitFigure(at0),
      at10k: commitFigure(at10k),
      at100k: commitFigure(at100k),
      ratio: Math.round((commitP50 / bareP50) * 100) / 100,
      bareInsert: { p50: ms(bareP50), p99: ms(percentile(bare, 99)) },
      breakdown: breakdown(at100k),
      seeded: { attempts: s1.attempts + s2.attempts, staff: s1.staff + s2.staff, seconds: Math.round((s1.ms + s2.ms) / 100) / 10 },
      conditions: `attempts.commit through the real dispatcher (zod request/reply schemas) and RecordsStore.commit (validate, re-score from the answer key, journal line written and fsync'd on a worker thread while the entry is applied, COMMIT with WAL + synchronous=FULL once the line is durable) on ${process.platform} in ${path.dirname(store.dir)} (${fileSystem()}). The store is opened as the app starts (openApp, with the commit path's start-up warm-up, electron/services/records/warm-up.ts, done before the first sign-in). A signed-in staff learner takes the assessment, committing after each of its 12 answers (cmi growing by one interaction), then finishes (not timed); ${plan.commitAttempts} attempts per level, the first 12 commits of each level are warm-up. Levels: at0 = empty records; at10k/at100k = that many staff attempts ${quick ? `(quick run: ${plan.mid} and ${plan.scale}) ` : ''}put on record first by direct SQL inserts in one transaction (NOT through the commit path; learners, attempts with full cmi, one commit-log row each, acknowledgements). ratio = commit p50 at ${scaleLabel} / p50 of a bare INSERT of the same cmi JSON bytes into a one-table database in the same folder opened with the app's openDatabase (same pragmas), autocommit, timed right after each commit (interleaved, so both see the same load). breakdown (p50 ms at ${scaleLabel}): journalFsync (main's time on the journal line: writing it, starting its fsync on the fsync worker, and waiting for the flush right before COMMIT; the entry's statements run in between, not counted here) and sqliteCommit are timed in place (wrapping this store's journal.appendStarted and db.exec('COMMIT')); validate (the request schema with the cmi's rules, as the dispatcher checks it once) and rescore are timed on identical inputs beside the call; other = total − those (reads, digest, statement preparation, applying the entry, dispatch, and any wait for the CPU); cpu = the commit's own CPU time (user+system), i.e. total minus waiting for the disk and for the CPU.`,
    };
  });

  await group('dashboard', { ms: null }, async () => {
    if (!bigStore) throw new Error('no seeded records (the commit group failed)');
    const d = await measureDashboard(bigStore, plan.dashboardRuns);
    return {
      ms: d.afterChange,
      cpuMs: d.afterChangeCpu,
      warmMs: d.warm,
      peopleSearchMs: d.peoplePage,
      rebuildMs: d.rebuild,
      rebuildCpuMs: d.rebuildCpu,
      warmUpMs: d.warmUp,
      warmUpMaxStallMs: d.warmUpMaxStall,
      staff: d.staff,
      attemptsOnRecord: d.attemptsOnRecord,
      conditions: `DashboardService.summary({}) (the figures HR opens: totals, by school, role and module, overdue/expiring) over ${d.attemptsOnRecord} attempts of ${d.staff} staff (the commit group's seeded records, whose per-person summary rows the database's triggers filled as they were inserted). The service as the app holds it: warmed at start-up by warm() (warmUpMs, in steps in the background; warmUpMaxStallMs = the longest it held the event loop, seen by a setImmediate ticker). ms = cold after a change: each run a new member of staff signs in and starts a lesson through the real dispatcher (journalled writes that change their summary row), then summary({}) is timed, so the call re-reads the changed people and recomputes their standings and every figure; median of ${d.runs} runs; cpuMs = the CPU time (user+system) of those calls. warmMs = the same call again with nothing changed; peopleSearchMs = people({search}) first page after it. rebuildMs = a brand-new service's first call with nothing read (every person read from the summary and computed at once: what the start-up warm-up spares the first open), median of ${d.runs} after one untimed call; rebuildCpuMs its CPU time.`,
    };
  });

  await group('startup', { recordsOpenMs: null }, async () => {
    const store = bigStore as BenchStore | null;
    if (!store) throw new Error('no seeded records (the commit group failed)');
    store.close();
    const times: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const t = performance.now();
      const reopened = openBenchStore(bundle, store.dir);
      times.push(performance.now() - t);
      await reopened.warmedUp; // its background start-up ends before the next open (not timed)
      reopened.close();
    }
    bigStore = openBenchStore(bundle, store.dir);
    await (bigStore as BenchStore).warmedUp;
    return {
      recordsOpenMs: ms(median(times)),
      runs: times.length,
      conditions: `openApp() on the ${scaleLabel}-attempt data folder, as the app and every CLI start: lock, open, PRAGMA integrity_check of the whole database, migrations check, journal replay check (no maintenance round). Median of ${times.length} opens; the file is in the OS page cache (a cold disk is slower).`,
    };
  });

  // Issue 19 item 4: the app's daily round on the big folder, timed for how long it held main.
  await group('maintenance', { maxStallMs: null }, async () => {
    const store = bigStore as BenchStore | null;
    if (!store) throw new Error('no seeded records (the commit group failed)');
    const pupils = withRawRecordsDb(store.services.dataDir, (db) => seedOldPupils(db, bundle, quick ? 200 : 2_000, 'm'));
    const records = store.services.records;
    const before = records.events.length;
    const t = performance.now();
    const stall = await longestStallOf((mark) => records.runMaintenanceOffMain(new Date(), mark));
    const seconds = (performance.now() - t) / 1000;
    const said = records.events.slice(before).map((e) => `${e.level}: ${e.message}`);
    if (said.some((m) => m.startsWith('error'))) throw new Error(said.join(' / '));
    const fullCheck = statSync(records.files.database).size > FULL_CHECK_AT_START_MAX_BYTES;
    return {
      maxStallMs: ms(stall.ms),
      maxStallIn: stall.pieces.join(' + '),
      seconds: Math.round(seconds * 100) / 100,
      pupilsFolded: pupils,
      fullCheck,
      events: said,
      conditions: `RecordsService.runMaintenanceOffMain (the app's daily round) on the ${scaleLabel}-attempt folder of the commit group with ${pupils} pupils last seen two academic years ago (one completed lesson each, direct SQL): ${fullCheck ? 'the full integrity_check (the database is over 64 MB) and ' : ''}the daily backup (VACUUM INTO) in a worker with its own read-only connection, rotation, journal compaction (read and written off main, parsed in batches), PRAGMA optimize's ANALYZE one table at a time, then the pupil fold in journalled steps (the first of ${RETENTION_STEP} pupils, each next one sized from the last one's CPU time, ${RETENTION_STEP_MIN}–${RETENTION_STEP_MAX}), with a turn of the event loop between every piece. maxStallMs = the longest the round kept main's event loop from turning (a setImmediate ticker's largest gap); maxStallIn = the piece(s) of the round that ran in that gap, as the round names them; seconds = the whole round's wall time.`,
    };
  });

  await group('export', Object.fromEntries(exportFormats().map((f) => [f, null])), async () => {
    const store = bigStore as BenchStore | null;
    if (!store) throw new Error('no seeded records (the commit group failed)');
    // Today's backup first, so no export pays for the daily round the CLI's boot would otherwise run.
    store.services.records.runMaintenance(new Date());
    // The Trust's LMS as IT sets it up: without it the Totara and xAPI exports refuse (and say why).
    const staffCourse = store.services.bundle.courses.find((c) => c.id === 'staff-induction');
    const courses = Object.fromEntries((staffCourse?.modules ?? []).map((m) => [m.id, { shortName: `SMP-${m.id}`, idNumber: `SMP-${m.id}` }]));
    store.services.settings.set({ lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses } });
    try {
      store.close();
    } catch {
      // already closed by a failed start-up measurement
    }
    const runs: Record<string, ExportFigure[]> = {};
    const started = elapsed();
    for (let pass = 0; pass < plan.exportPasses; pass++) {
      if (pass > 0 && elapsed() - started > plan.exportBudgetS / (pass + 1)) break; // keep the run under 10 minutes
      for (const format of exportFormats()) {
        const r = await runExport(store.dir, format);
        (runs[format] ??= []).push(r);
        log(`export ${format}: ${r.seconds} s, peak RSS ${r.peakRssMB} MB`);
      }
    }
    const out: Record<string, unknown> = {};
    for (const [format, list] of Object.entries(runs)) {
      out[format] = {
        seconds: Math.round(median(list.map((r) => r.seconds)) * 100) / 100,
        peakRssMB: Math.max(...list.map((r) => r.peakRssMB)),
        outputMB: list[0]?.outputMB ?? null,
        runs: list.length,
      };
    }
    return {
      ...out,
      conditions: `Each format exported by the real CLI (electron/cli/export.ts, what npm run export runs) in its own Node ${process.version} process (node ${[...exportNodeOptions(), '--import tsx'].join(' ')}: npm run export's Node options) over the ${scaleLabel}-attempt data folder of the commit group; seconds = wall time from spawn to exit, including Node/tsx start-up, compiling the course YAML (the CLI's devBundle) and opening the records (integrity check); peakRssMB = the child's /proc/self/status VmHWM read at its exit (tests/bench/peak-rss.ts), the largest over runs; seconds = median over runs (runs per format shown; passes stop early to keep the full run under 10 minutes). Package formats (scorm12, scorm2004) do not depend on the records.`,
    };
  });

  // Issue 19 item 5: a Trust records file of the whole seeded folder, merged into an empty PC.
  await group('import', { seconds: null, peakRssMB: null }, async () => {
    const store = bigStore as BenchStore | null;
    if (!store) throw new Error('no seeded records (the commit group failed)');
    try {
      store.close();
    } catch {
      // already closed by the export group
    }
    const r = await measureImport(store.dir, bundle);
    return {
      ...r,
      conditions: `npm run export -- --format records over the ${scaleLabel}-attempt data folder of the commit group (not timed), then npm run records -- import --from that file into a new, empty data folder, run as electron/cli/records.ts in its own Node ${process.version} process (node --import tsx); seconds = wall time from spawn to exit (Node/tsx start-up, the course compile, opening the records, copying the file into the data folder, checking it end to end: format, Trust, SHA-256, then applying it in journalled batches of 200 staff, one fsync each); peakRssMB = the child's VmHWM at exit.`,
    };
  });

  // Issue 19 item 5: the sender's throughput to the local test LRS.
  await group('sync', { statementsPerSecond: null }, async () => {
    const attempts = quick ? 200 : 3_000;
    const r = await measureSync(bundle, attempts);
    return {
      ...r,
      conditions: `${r.attempts} finished staff attempts (of ${attempts} seeded by direct SQL, queued as the migration queues old ones) sent by the real sender (LrsService.sync: outbox read, each attempt's statements built as the xAPI export builds them, POST /statements in batches of about 250 with xAPI 1.0.3 headers and Basic auth, marked sent) to Learning Locker's statements service (npm xapi-statements, in memory, AUTH_REPO=test) on 127.0.0.1 in a child process; statementsPerSecond = statements stored / wall time of the one run. Not 100k attempts: the test LRS keeps every statement in memory (about 15 per assessment attempt).`,
    };
  });

  if (bigStore) removeDir((bigStore as BenchStore).dir);
  if (browser) await (browser as Browser).close();

  const commits = result.commit ?? {};
  const exportsGroup = result.export ?? {};
  result.budget = {
    'bundle.gzip': budgetLine('bundle.gzip', result.bundle?.gzip ?? null),
    'bundle.playerGzip': budgetLine('bundle.playerGzip', result.bundle?.playerGzip ?? null),
    'firstScreen.median': budgetLine('firstScreen.median', result.firstScreen?.median ?? null),
    'lessonStep.p95': budgetLine('lessonStep.p95', result.lessonStep?.p95 ?? null),
    'lessonStep.paintP95': budgetLine('lessonStep.paintP95', result.lessonStep?.paintP95 ?? null),
    'commit.p99': budgetLine('commit.p99', worst([commits.at0?.p99, commits.at10k?.p99, commits.at100k?.p99])),
    'commit.ratio': budgetLine('commit.ratio', commits.ratio ?? null),
    'dashboard.ms': budgetLine('dashboard.ms', result.dashboard?.ms ?? null),
    'export.peakRssMB': budgetLine('export.peakRssMB', worst(exportFormats().map((f) => exportsGroup[f]?.peakRssMB))),
    'import.peakRssMB': budgetLine('import.peakRssMB', result.import?.peakRssMB ?? null),
    'maintenance.maxStallMs': budgetLine('maintenance.maxStallMs', result.maintenance?.maxStallMs ?? null),
  };
  result.budget.conditions = quick
    ? 'quick run (1k attempts, few repetitions): nothing is asserted about timings; the full run (npm run bench) is the one to compare with the budget.'
    : 'issue 8 budget; met = value <= limit; null = not measured (see that group\'s conditions).';
  result.crashes = crashes;
  result.seconds = Math.round(elapsed());
  result.machine.loadAverageAtEnd = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

/** The file system the data folders live on (fsync costs differ a lot between them). */
function fileSystem(): string {
  try {
    return `${execFileSync('df', ['--output=fstype', os.tmpdir()], { encoding: 'utf8' }).split('\n')[1]?.trim() ?? 'unknown'} file system`;
  } catch {
    return 'file system not known';
  }
}

main().then(
  () => {
    const text = flags.json ? JSON.stringify(result, null, 2) : flags.markdown ? markdown(result) : JSON.stringify(result, null, 2);
    if (flags.out) writeFileSync(flags.out, JSON.stringify(result, null, 2));
    process.stdout.write(`${text}\n`);
    if (crashes.length) log(`${crashes.length} measurement(s) failed: ${crashes.join(' | ')}`);
    process.exit(crashes.length ? 1 : 0);
  },
  (err: unknown) => {
    log(`the benchmark itself failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
