import './needs-sqlite'; // first: before anything reaches node:sqlite
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openApp } from '../host/compose';
import { DATABASE_FILE } from '../host/services';
import { EXPORT_USAGE, outTarget, parseExportArgs } from './args/export';
import { EXIT, runCommand } from './exit-codes';
import { describeOutcome } from '../services/exports';
import { isPackageFormat } from '../services/exports';
import { RecordsExportSource } from '../services/exports';
import { devBundle } from './dev-bundle';
import { appVersion } from './project';

/**
 * `npm run export -- --data DIR --format F --out PATH [--course ID] [--per-module]`: every export
 * the admin area offers, for IT staff and scripts. Exit codes: the shared table (exit-codes.ts).
 */
async function main(): Promise<number> {
  const args = parseExportArgs(process.argv.slice(2), 'cli');
  const dataDir = path.resolve(args.dataDir ?? '');
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    console.error(`npm run export: the data folder ${dataDir} does not exist`);
    return EXIT.failed;
  }
  // Checked before boot, which would otherwise create an empty store in the wrong folder.
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
    console.error(`npm run export: ${dataDir} holds no records (no ${DATABASE_FILE}); is it the app’s data folder?`);
    return EXIT.failed;
  }
  const out = outTarget(args.out);
  if (out.folder) mkdirSync(out.path, { recursive: true });
  const started = openApp({ argv: ['--data', dataDir], env: {}, defaultDataDir: dataDir, appVersion, bundle: devBundle(), purpose: 'npm run export' });
  try {
    if (!isPackageFormat(args.request.format)) {
      const source = RecordsExportSource.inDataDir(dataDir, { withCmi: false });
      const staff = source.staffCount();
      source.close();
      if (staff === 0) {
        console.error(`npm run export: ${dataDir} has no staff records yet, so there is nothing to export`);
        return EXIT.failed;
      }
    }
    if (process.stderr.isTTY) {
      started.services.emit = (e) => {
        if (e.type === 'export.progress' && e.total > 0) process.stderr.write(`\r${Math.round((100 * e.done) / e.total)}% `);
      };
    }
    const outcome = await started.services.exports.run(args.request, out.path, 'cli');
    if (process.stderr.isTTY) process.stderr.write('\r');
    console.log(describeOutcome(outcome));
    return EXIT.done;
  } finally {
    started.services.close();
  }
}

runCommand('export', EXPORT_USAGE, main);
