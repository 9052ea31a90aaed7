import './needs-sqlite'; // first: before anything reaches node:sqlite
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Bundle } from '@content/schema';
import { RecordsService } from '../services/records';
import { verify } from '../services/storage';
import { benchAtSize, listAttemptIds } from '../services/records';
import { SettingsService } from '../services/settings';
import { recordFiles } from '../services/storage';
import { devBundle } from './dev-bundle';
import { describeImport, importRecordsFile, RecordsFileError } from '../services/records-file';
import { EXIT, UsageError, runCommand } from './exit-codes';

/**
 * `npm run records -- <command> --data DIR`
 *   verify          one JSON object {ok, integrity, learners, attempts, commits, ...}; exit 1 when anything is wrong
 *   list            every attempt id on record, one a line
 *   recover         start the store as the app does (integrity check, quarantine, restore, journal replay) and print its report
 *   export-person   --learner ID: everything held on one person (subject access), as JSON
 *   erase           --learner ID: delete one person (records, commit log, journal), as JSON
 *   bench           [--sizes 0,10000,100000] [--commits 200]: commit latency (p50/p99) and read speed per store size
 *   import          --from FILE [--from FILE …] [--json]: merge Trust records files from other PCs (staff only)
 * verify and list never change the records; they take the data folder's lock so they never read
 * a database the app is writing.
 */
const USAGE = `Usage: npm run records -- COMMAND --data DIR [--learner ID] [--bundle FILE]
  verify          check the records (one JSON object; exit 1 when anything is wrong); changes nothing
  list            every attempt id on record, one a line
  recover         open the records as the app does (check, quarantine, restore, replay); print the report
  export-person   --learner ID: everything held on one person (subject access), as JSON
  erase           --learner ID: delete one person (records, commit log, journal)
  bench           [--sizes 0,10000,100000] [--commits 200]: commit latency and read speed per store size
  import          --from FILE [--from FILE …] [--json]: merge Trust records files from other PCs;
                  exit 1 when a file is refused (nothing of it is kept) or a person is not matched`;
const COMMANDS = ['verify', 'list', 'recover', 'export-person', 'erase', 'bench', 'import'];

function openService(dataDir: string, bundleFile: string | undefined, purpose: string): RecordsService {
  // The course content is compiled only if a command needs it (bench commits; not verify, list,
  // erase or import): compiling the YAML costs some 75 MB that the process then keeps.
  let bundle: Bundle | null = null;
  const load = (): Bundle => (bundle ??= bundleFile ? Bundle.parse(JSON.parse(readFileSync(path.resolve(bundleFile), 'utf8'))) : devBundle());
  let settings: SettingsService | null = null;
  const service = RecordsService.open({
    dataDir,
    get bundle() {
      return load();
    },
    clock: () => new Date(),
    settings: () => (settings as SettingsService).get(),
    purpose,
    schedule: false,
  });
  settings = new SettingsService(service.db, (e) => void service.store.write(e));
  return service;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        data: { type: 'string' },
        learner: { type: 'string' },
        bundle: { type: 'string' },
        sizes: { type: 'string', default: '0,10000,100000' },
        commits: { type: 'string', default: '200' },
        from: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (command === undefined) throw new UsageError('say what to do: one of verify, list, recover, export-person, erase, bench, import');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (positionals.length > 1) throw new UsageError(`one command at a time; also got ${positionals.slice(1).map((p) => `"${p}"`).join(' ')}`);
  if (command === 'bench') {
    // Commit latency and read speed at a few store sizes (npm run records -- bench; docs/performance.md).
    const bundle = values.bundle ? Bundle.parse(JSON.parse(readFileSync(path.resolve(values.bundle), 'utf8'))) : devBundle();
    for (const size of values.sizes.split(',').map(Number)) {
      if (!Number.isInteger(size) || size < 0) throw new UsageError(`--sizes takes whole numbers separated by commas, not ${values.sizes}`);
      process.stdout.write(`${JSON.stringify(benchAtSize(bundle, size, Number(values.commits)))}\n`);
    }
    return EXIT.done;
  }
  if (!values.data) throw new UsageError('--data DIR is required: the app’s data folder');
  const dataDir = path.resolve(values.data);
  // Checked before anything opens the folder, which would otherwise create an empty store there
  // (a typo in --data). A folder with a journal or backups but no database is what recover is for.
  const files = recordFiles(dataDir);
  if (![files.database, files.journal, files.backups].some((f) => existsSync(f))) {
    process.stderr.write(`npm run records: there are no records in ${dataDir} (no records.sqlite, journal or backups); is it the app’s data folder?\n`);
    return EXIT.failed;
  }
  const print = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
  switch (command) {
    case 'verify': {
      const report = verify(dataDir);
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return report.ok ? EXIT.done : EXIT.failed;
    }
    case 'list':
      listAttemptIds(dataDir, (id) => process.stdout.write(`${id}\n`));
      return EXIT.done;
    case 'recover': {
      const service = openService(dataDir, values.bundle, 'records recover');
      try {
        const health = service.health(true);
        print(health);
        return health.ok ? EXIT.done : EXIT.failed;
      } finally {
        service.close();
      }
    }
    case 'export-person':
    case 'erase': {
      if (!values.learner) throw new UsageError('--learner ID is required');
      const service = openService(dataDir, values.bundle, `records ${command}`);
      try {
        print(command === 'erase' ? service.erase(values.learner, 'cli') : service.subjectAccess(values.learner));
        if (command === 'export-person') service.store.audit('cli', 'learner.subject-access-export', { learnerId: values.learner });
        return EXIT.done;
      } finally {
        service.close();
      }
    }
    case 'import': {
      const from = values.from ?? [];
      if (from.length === 0) throw new UsageError('--from FILE is required (one or more Trust records files)');
      const service = openService(dataDir, values.bundle, 'records import');
      let failed = false;
      try {
        const trustName = new SettingsService(service.db, (e) => void service.store.write(e)).get().trustName;
        for (const file of from) {
          try {
            const r = await importRecordsFile(service.store, path.resolve(file), { trustName, dataDir });
            if (r.conflicts.length) failed = true;
            process.stdout.write(`${values.json ? JSON.stringify({ ok: true, ...r }) : describeImport(r)}\n`);
          } catch (err) {
            if (!(err instanceof RecordsFileError)) throw err;
            failed = true;
            if (values.json) process.stdout.write(`${JSON.stringify({ ok: false, file, refused: err.reason, message: err.message })}\n`);
            else process.stderr.write(`Refused, nothing imported: ${err.message}\n`);
          }
        }
      } finally {
        service.close();
      }
      return failed ? EXIT.failed : EXIT.done;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

runCommand('records', USAGE, main);
