import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The part of vitest's JSON report the closing line is counted from. */
export interface VitestReport {
  testResults: { name: string; status: string; message?: string; assertionResults: { title: string; status: string }[] }[];
}

export interface Count {
  passed: number;
  failed: number;
  /** One line per failing suite or reason, for the `Failed:` line. */
  failures: string[];
}

/**
 * Counts tests honestly. A suite that failed as a whole (its file did not load, or a beforeAll /
 * afterAll threw: vitest gives the suite a message of its own) counts every one of its tests as
 * failed, even those vitest marks skipped or passed, and at least one when it has none: such a
 * suite proved nothing. Otherwise each test counts as vitest judged it, and a test that did not
 * run (skipped, todo) counts as failed too: the project allows no skipping, so none is expected.
 */
export function countReport(report: VitestReport, root: string): Count {
  const count: Count = { passed: 0, failed: 0, failures: [] };
  for (const suite of report.testResults) {
    const file = path.relative(root, suite.name);
    const tests = suite.assertionResults;
    const suiteError = suite.status === 'failed' && (suite.message ?? '') !== '';
    if (suiteError) {
      const n = Math.max(1, tests.length);
      count.failed += n;
      const firstLine = (suite.message ?? '').split('\n')[0];
      count.failures.push(`${file}: the suite failed outside its tests (${firstLine}); its ${n} test(s) count as failed`);
      continue;
    }
    const failedHere = tests.filter((t) => t.status === 'failed').length;
    const notRun = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed').length;
    count.passed += tests.filter((t) => t.status === 'passed').length;
    count.failed += failedHere + notRun;
    if (failedHere > 0) count.failures.push(`${file}: ${failedHere} test(s) failed`);
    if (notRun > 0) count.failures.push(`${file}: ${notRun} test(s) did not run (skipped or todo)`);
  }
  return count;
}

/**
 * Runs vitest with a JSON report and counts it. The report file is removed first, so a report
 * left by an earlier run can never be counted as this run's.
 */
export function runVitest(opts: { root: string; reportFile: string; args: string[]; run: (args: string[]) => number }): Count {
  rmSync(opts.reportFile, { force: true });
  const status = opts.run(['run', ...opts.args, '--reporter=default', '--reporter=json', `--outputFile.json=${opts.reportFile}`]);
  if (!existsSync(opts.reportFile)) return { passed: 0, failed: 1, failures: [`vitest wrote no report (exit ${status})`] };
  const count = countReport(JSON.parse(readFileSync(opts.reportFile, 'utf8')) as VitestReport, opts.root);
  if (status !== 0 && count.failed === 0) {
    count.failed += 1;
    count.failures.push(`vitest exited with ${status}`);
  }
  return count;
}
