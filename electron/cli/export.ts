import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { openApp } from '../host/compose';
import { DATABASE_FILE } from '../host/services';
import { EXPORT_USAGE, UsageError, parseExportArgs } from './export-args';
import { describeOutcome } from '../services/exports/plumbing/summary';
import { isPackageFormat } from '../services/exports/formats/info';
import { RecordsExportSource } from '../services/exports/plumbing/source';
import { devBundle } from './dev-bundle';
import { appVersion } from './project';

/**
 * `npm run export -- --data DIR --format F --out PATH [--course ID] [--per-module]`: every export
 * the admin area offers, for IT staff and scripts. Exit 0 done, 1 nothing to export or it failed,
 * 2 a bad command line.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseExportArgs(process.argv.slice(2), 'cli');
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`npm run export: ${err.message}\n\n${EXPORT_USAGE}`);
      return 2;
    }
    throw err;
  }
  const dataDir = path.resolve(args.dataDir ?? '');
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    console.error(`npm run export: the data folder ${dataDir} does not exist`);
    return 1;
  }
  // Checked before boot, which would otherwise create an empty store in the wrong folder.
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
    console.error(`npm run export: ${dataDir} holds no records (no ${DATABASE_FILE}); is it the app’s data folder?`);
    return 1;
  }
  const started = openApp({ argv: ['--data', dataDir], env: {}, defaultDataDir: dataDir, appVersion, bundle: devBundle() });
  try {
    if (!isPackageFormat(args.request.format)) {
      const source = RecordsExportSource.inDataDir(dataDir, { withCmi: false });
      const staff = source.staffCount();
      source.close();
      if (staff === 0) {
        console.error(`npm run export: ${dataDir} has no staff records yet, so there is nothing to export`);
        return 1;
      }
    }
    if (process.stderr.isTTY) {
      started.services.emit = (e) => {
        if (e.type === 'export.progress' && e.total > 0) process.stderr.write(`\r${Math.round((100 * e.done) / e.total)}% `);
      };
    }
    const outcome = await started.services.exports.run(args.request, path.resolve(args.out), 'cli');
    if (process.stderr.isTTY) process.stderr.write('\r');
    console.log(describeOutcome(outcome));
    return 0;
  } catch (err) {
    console.error(`npm run export: ${(err as Error).message}`);
    return 1;
  } finally {
    started.services.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`npm run export: ${(err as Error).message}`);
    process.exit(1);
  },
);
