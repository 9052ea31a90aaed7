import './needs-sqlite'; // first: before anything reaches node:sqlite
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Bundle } from '@content/schema';
import { openApp } from '../host/compose';
import { DemoClock, printAttemptId, seedDemo } from './demo-run';
import { setUpDemoTrust } from './demo-setup';
import { EXIT, UsageError, runCommand } from './exit-codes';
import { onStopRequest } from './lifetime';
import { appVersion, projectRoot } from './project';

/**
 * `npm run demo -- --data DIR --staff N --pupils M [--seed S] [--spread-days N] [--continuous] [--bundle FILE]`
 * Writes realistic attempts through the app's own dispatcher (the same validation, re-scoring,
 * journal and commit path a learner's data takes) and prints each attempt id on its own line the
 * moment its finish is durable. `--spread-days N` places each learner's activity at a moment of the
 * past N days; `--continuous` keeps going until the process is killed. A data folder not set up
 * yet is first set up as the demo Trust, its administrator password printed on stderr.
 */
const USAGE = `Usage: npm run demo -- --data DIR [--staff N] [--pupils M] [--seed S] [--spread-days N] [--continuous] [--bundle out/main/bundle.json]
  --spread-days N   spread each learner's activity over the past N days (default 0: all of it now)`;

const wholeNumber = (name: string, value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  return n;
};

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        staff: { type: 'string', default: '5' },
        pupils: { type: 'string', default: '10' },
        seed: { type: 'string', default: 'demo' },
        'spread-days': { type: 'string', default: '0' },
        continuous: { type: 'boolean', default: false },
        bundle: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!values.data) throw new UsageError('--data DIR is required');
  const staff = wholeNumber('staff', values.staff);
  const pupils = wholeNumber('pupils', values.pupils);
  const spreadDays = wholeNumber('spread-days', values['spread-days']);
  // --bundle reads a compiled bundle (fast start, as the crash test needs); otherwise compile the YAML.
  // (The content compiler is loaded only when needed: the crash test starts this CLI 50 times.)
  const bundle = values.bundle ? Bundle.parse(JSON.parse(readFileSync(path.resolve(values.bundle), 'utf8'))) : (await import('./dev-bundle')).devBundle();
  const clock = new DemoClock();
  const started = openApp({
    argv: ['--data', values.data],
    env: process.env,
    defaultDataDir: path.join(projectRoot, '.tmp/demo-data'),
    appVersion,
    bundle,
    clock: clock.now,
    // The daily round (backups, retention) would run at the learners' past moments: not during a demo.
    recordsMaintenance: false,
    purpose: 'npm run demo',
    log: (msg, err) => console.error(msg, err),
  });
  const stop = (): void => {
    started.services.close();
    process.exit(EXIT.done);
  };
  onStopRequest(stop);
  try {
    // Main refuses learners on a PC not set up: a fresh folder is first set up as the demo Trust.
    if (!started.services.admin.isSetUp()) {
      const password = await setUpDemoTrust(started, 'npm run demo');
      console.error(`demo: ${started.services.dataDir} was not set up; set up as the demo Trust. Administrator password: ${password}`);
    }
    await seedDemo(started, bundle, { staff, pupils, seed: values.seed, spreadDays, continuous: values.continuous, clock, onAttempt: printAttemptId });
    const h = started.services.records.health();
    console.error(`demo: ${h.counts.learners} learners, ${h.counts.attempts} attempts, ${h.counts.commits} commits in ${started.services.dataDir}`);
  } finally {
    started.services.close();
  }
  return EXIT.done;
}

runCommand('demo', USAGE, main);
