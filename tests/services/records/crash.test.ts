import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@content/schema/draw';
import { verify } from '@services/storage/verify';
import { listAttemptIds } from '@services/records';
import { BUNDLE_FILE } from '@tests/helpers/bundle';
import { harness, removeDir, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
// Inside the checkout (two levels down) so the CLI's projectRoot resolves as under tsx.
const CHILD = path.join(ROOT, '.tmp/records-crash/demo.cjs');
// A private copy: out/ may be rebuilt by another test run while the children are starting.
const BUNDLE = path.join(ROOT, '.tmp/records-crash/bundle.json');
// Two lanes (two data folders) run side by side on the 2-core machine: 2 × 26 = 52 kills.
const LANES = 2;
const ROUNDS_PER_LANE = 26;

/**
 * The demo CLI compiled once to plain CommonJS, so each of the 50+ child processes starts in a
 * fraction of a second (the same source `npm run demo` runs through tsx).
 */
beforeAll(() => {
  mkdirSync(path.dirname(CHILD), { recursive: true });
  copyFileSync(BUNDLE_FILE, BUNDLE);
  // pdfkit stays a require() of its own CommonJS build, as in the app's main bundle: bundled, its ESM
  // build's import.meta.url (for its colour profile) is empty in CommonJS and throws at load.
  buildSync({ entryPoints: [path.join(ROOT, 'electron/cli/demo.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: CHILD, external: ['pdfkit'], logLevel: 'error' });
});

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach(removeDir));

interface Round {
  ids: string[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One child writing continuously, killed with SIGKILL `delayMs` after its first acknowledged id (or after spawn). */
function round(dir: string, seed: string, delayMs: number, waitForFirstId: boolean): Promise<Round> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, '--data', dir, '--continuous', '--staff', '0', '--pupils', '0', '--seed', seed, '--bundle', BUNDLE], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // V8's compile cache: 52 starts of the same 1.4 MB script parse it once.
      env: { ...process.env, NODE_COMPILE_CACHE: path.join(ROOT, '.tmp/records-crash/v8-cache') },
    });
    const ids: string[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    const arm = (): void => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? ''; // a line without its newline was not fully written: not counted
      for (const line of lines) if (line.trim()) ids.push(line.trim());
      if (ids.length > 0) arm();
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    if (!waitForFirstId) arm();
    // A child that never prints an id (a broken build) is killed after 30 s and fails the test below;
    // a healthy one prints within a second or two, within ten on a 2-core machine under heavy load.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      resolve({ ids, stderr, code, signal });
    });
  });
}

/** One data folder killed ROUNDS_PER_LANE times; returns the ids the children acknowledged. */
async function lane(dir: string, lane: number): Promise<{ acknowledged: Set<string>; killedMidRun: number }> {
  const random = seededRandom(`crash-${lane}-${process.pid}`);
  const acknowledged = new Set<string>();
  let killedMidRun = 0;
  for (let i = 0; i < ROUNDS_PER_LANE; i++) {
    // Most rounds die while commits are flowing; every fifth dies at any moment from spawn on
    // (start-up, integrity check, backup, journal replay). A fixed share, so the count of rounds
    // killed mid-run does not depend on the random seed; the moments themselves stay random.
    const early = i % 5 === 4;
    const r = await round(dir, `crash-${lane}-${i}`, Math.floor(random() * (early ? 600 : 200)), !early);
    expect(r.signal, `lane ${lane} round ${i}: the child should die by SIGKILL, not exit (${r.code}): ${r.stderr.slice(0, 500)}`).toBe('SIGKILL');
    if (!early) expect(r.ids.length, `lane ${lane} round ${i} printed no id: ${r.stderr.slice(0, 500)}`).toBeGreaterThan(0);
    if (r.ids.length > 0) killedMidRun++;
    for (const id of r.ids) acknowledged.add(id);
  }
  return { acknowledged, killedMidRun };
}

function checkLane(dir: string, acknowledged: Set<string>): void {
  // Read-only check first (what `npm run records -- verify` prints), before the app repairs anything.
  const report = verify(dir);
  expect(report.integrity).toBe('ok');
  expect(report.ok, report.problems.join('; ')).toBe(true);
  const held = new Set<string>();
  listAttemptIds(dir, (id) => held.add(id));
  expect([...acknowledged].filter((id) => !held.has(id))).toEqual([]);
  // Then as the app starts: every acknowledged attempt is there and finished.
  const h = harness({ dataDir: dir });
  try {
    expect(h.services.records.health().integrity).toBe('ok');
    const finished = h.services.records.db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE id = ? AND finished_at IS NOT NULL');
    expect([...acknowledged].filter((id) => (finished.get(id) as { n: number }).n !== 1)).toEqual([]);
  } finally {
    h.close();
  }
}

describe('crash safety: SIGKILL at random moments while committing', () => {
  // Usually about 30 s; the margin is for a 2-core machine that is busy with other suites.
  it(`keeps every acknowledged attempt over ${LANES * ROUNDS_PER_LANE} kills, and the database passes its integrity check`, { timeout: 300_000 }, async () => {
    for (let l = 0; l < LANES; l++) {
      const dir = tempDir(`records-crash-${l}-`);
      dataDirs.push(dir);
      // Set up before the kills (the demo would otherwise set a fresh folder up first, paying for
      // the slow password hash in its first round): this test is about the records, not set-up.
      harness({ dataDir: dir }).close();
    }
    const results = await Promise.all(dataDirs.map((dir, l) => lane(dir, l)));
    const total = results.reduce((n, r) => n + r.acknowledged.size, 0);
    const mid = results.reduce((n, r) => n + r.killedMidRun, 0);
    expect(total).toBeGreaterThan(LANES * ROUNDS_PER_LANE);
    expect(mid).toBeGreaterThanOrEqual(LANES * ROUNDS_PER_LANE * 0.7);
    results.forEach((r, l) => checkLane(dataDirs[l] ?? '', r.acknowledged));
  });
});
