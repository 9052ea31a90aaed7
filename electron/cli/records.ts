import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Bundle } from '../../content/schema';
import { RecordsService } from '../services/records';
import { listAttemptIds, verify } from '../services/storage/verify';
import { benchAtSize } from '../services/records/bench';
import { SettingsService } from '../services/settings/service';
import { devBundle } from './dev-bundle';

/**
 * `npm run records -- <command> --data DIR`
 *   verify          one JSON object {ok, integrity, learners, attempts, commits, ...}; exit 1 when anything is wrong
 *   list            every attempt id on record, one a line
 *   recover         start the store as the app does (integrity check, quarantine, restore, journal replay) and print its report
 *   export-person   --learner ID: everything held on one person (subject access), as JSON
 *   erase           --learner ID: delete one person (records, commit log, journal), as JSON
 *   bench           [--sizes 0,10000,100000] [--commits 200]: commit latency (p50/p99) and read speed per store size
 * verify and list never change the records; they take the data folder's lock so they never read
 * a database the app is writing.
 */
const USAGE = 'usage: npm run records -- verify|list|recover|export-person|erase --data DIR [--learner ID] [--bundle FILE] | bench [--sizes N,N] [--commits N]';

function openService(dataDir: string, bundleFile: string | undefined, purpose: string): RecordsService {
  const bundle = bundleFile ? Bundle.parse(JSON.parse(readFileSync(path.resolve(bundleFile), 'utf8'))) : devBundle();
  let settings: SettingsService | null = null;
  const service = RecordsService.open({ dataDir, bundle, clock: () => new Date(), settings: () => (settings as SettingsService).get(), purpose, schedule: false });
  settings = new SettingsService(service.db);
  return service;
}

function main(): number {
  const { values, positionals } = parseArgs({
    options: {
      data: { type: 'string' },
      learner: { type: 'string' },
      bundle: { type: 'string' },
      sizes: { type: 'string', default: '0,10000,100000' },
      commits: { type: 'string', default: '200' },
    },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0];
  if (command === 'bench') {
    // Commit latency and read speed at a few store sizes (npm run records -- bench; docs/performance.md).
    const bundle = values.bundle ? Bundle.parse(JSON.parse(readFileSync(path.resolve(values.bundle), 'utf8'))) : devBundle();
    for (const size of values.sizes.split(',').map(Number)) {
      if (!Number.isInteger(size) || size < 0) throw new Error(`--sizes takes whole numbers separated by commas, not ${values.sizes}`);
      process.stdout.write(`${JSON.stringify(benchAtSize(bundle, size, Number(values.commits)))}\n`);
    }
    return 0;
  }
  if (!values.data) throw new Error(`--data is required\n${USAGE}`);
  const dataDir = path.resolve(values.data);
  const print = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
  switch (command) {
    case 'verify': {
      const report = verify(dataDir);
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return report.ok ? 0 : 1;
    }
    case 'list':
      listAttemptIds(dataDir, (id) => process.stdout.write(`${id}\n`));
      return 0;
    case 'recover': {
      const service = openService(dataDir, values.bundle, 'records recover');
      try {
        const health = service.health(true);
        print(health);
        return health.ok ? 0 : 1;
      } finally {
        service.close();
      }
    }
    case 'export-person':
    case 'erase': {
      if (!values.learner) throw new Error(`--learner ID is required\n${USAGE}`);
      const service = openService(dataDir, values.bundle, `records ${command}`);
      try {
        print(command === 'erase' ? service.erase(values.learner, 'cli') : service.subjectAccess(values.learner));
        if (command === 'export-person') service.store.audit('cli', 'learner.subject-access-export', { learnerId: values.learner });
        return 0;
      } finally {
        service.close();
      }
    }
    default:
      throw new Error(`unknown command "${command ?? ''}"\n${USAGE}`);
  }
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`npm run records: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
