import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runVitest } from './runner/vitest-count';

/**
 * `npm test`: every gate the project has, in one run — type-check, lint, the content checks, the
 * vitest suites (unit, shell, end-to-end in Chromium) and the quick benchmark — then one plain
 * closing line `N passed, N failed` (CI reads that line; vitest's own summary is not read).
 * Each gate counts as one check; each vitest test counts as one, and a suite that fails in its
 * set-up or teardown counts its tests as failed (tests/runner/vitest-count.ts).
 */
const root = path.resolve(__dirname, '..');
const bin = (name: string): string => path.join(root, 'node_modules/.bin', name);
const reportFile = path.join(root, '.tmp/vitest-report.json');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Gate {
  name: string;
  command: string;
  args: string[];
}

const gates: Gate[] = [
  { name: 'type-check (vue-tsc, one project per runtime)', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint (eslint)', command: bin('eslint'), args: ['.'] },
  { name: 'content check', command: 'npm', args: ['run', '--silent', 'content:check'] },
];
if (pkg.scripts.bench) gates.push({ name: 'benchmark (quick)', command: 'npm', args: ['run', '--silent', 'bench', '--', '--quick'] });

let passed = 0;
let failed = 0;
const failures: string[] = [];

const run = (command: string, args: string[]): number =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } }).status ?? 1;

// Vitest first: it builds out/ (globalSetup), which the benchmark then measures.
mkdirSync(path.dirname(reportFile), { recursive: true });
const vitest = runVitest({ root, reportFile, args: [], run: (args) => run(bin('vitest'), args) });
passed += vitest.passed;
failed += vitest.failed;
failures.push(...vitest.failures);

for (const gate of gates) {
  console.log(`\n== ${gate.name} ==`);
  if (run(gate.command, gate.args) === 0) passed += 1;
  else {
    failed += 1;
    failures.push(gate.name);
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
