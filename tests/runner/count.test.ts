import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVitest } from './vitest-count';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/run-count');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'run-count-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The real vitest, on the given config, as tests/run.ts runs it. */
const realVitest = (config: string) => (args: string[]): number =>
  spawnSync(process.execPath, [VITEST, ...args, '--config', config], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } }).status ?? 1;

describe("npm test's closing count", () => {
  it('counts the tests of a suite whose set-up or teardown throws as failed, never as skipped or passed', () => {
    const count = runVitest({ root: FIXTURES, reportFile: path.join(tmp, 'report.json'), args: [], run: realVitest(path.join(FIXTURES, 'vitest.config.mts')) });
    // By hand from the fixtures: passes (1 passed, 1 failed), setup-fails (3 never ran),
    // teardown-fails (2 ran, then afterAll threw), load-fails (no test collected: 1),
    // skipped (1 passed, 1 skipped).
    expect({ passed: count.passed, failed: count.failed }).toEqual({ passed: 2, failed: 1 + 3 + 2 + 1 + 1 });
    const lines = count.failures.join('\n');
    expect(lines).toContain('setup-fails.fixture.ts: the suite failed outside its tests (Chromium is not installed');
    expect(lines).toContain('teardown-fails.fixture.ts: the suite failed outside its tests (the preview server did not stop');
    expect(lines).toContain('load-fails.fixture.ts');
    expect(lines).toContain('skipped.fixture.ts: 1 test(s) did not run');
  });

  it('never counts a report left by an earlier run', () => {
    const reportFile = path.join(tmp, 'stale.json');
    // An earlier run's report, all green.
    writeFileSync(reportFile, JSON.stringify({ testResults: [{ name: 'x.test.ts', status: 'passed', assertionResults: [{ title: 'old', status: 'passed' }] }] }));
    // This run's vitest cannot even start (its config does not exist), so it writes no report.
    const count = runVitest({ root: FIXTURES, reportFile, args: [], run: realVitest(path.join(tmp, 'no-such-config.mts')) });
    expect(count.passed).toBe(0);
    expect(count.failed).toBe(1);
    expect(count.failures[0]).toMatch(/^vitest wrote no report \(exit [1-9]\d*\)$/);
  });
});
