import './needs-sqlite'; // first: before anything reaches node:sqlite
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../host/compose';
import { DATABASE_FILE } from '../host/services';
import { checkEndpoint } from '../services/lrs';
import { devBundle } from './dev-bundle';
import { appVersion } from './project';
import { EXIT, UsageError, runCommand } from './exit-codes';

export const SYNC_USAGE = `Usage: npm run sync -- --data DIR [--endpoint URL] [--auth-file F] [--json]
Sends this PC's finished staff attempts that the Trust's LRS does not have yet.
  --data DIR       the app's data folder
  --endpoint URL   the LRS xAPI address (default: the one in this PC's settings)
  --auth-file F    a file whose first line is the LRS key and secret as key:secret
                   (default: the key file named in this PC's settings)
  --json           print the outcome as one JSON object
Exit status: 0 nothing is left to send; 1 refused (key, address) or failed; 2 bad command line;
3 the LRS could not be reached (everything is kept and sent next time).`;

/** What a run's outcome means to a script (the shared table, electron/cli/exit-codes.ts). */
const EXIT_FOR = { done: EXIT.done, unreachable: EXIT.busy, refused: EXIT.failed, off: EXIT.failed } as const;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { data: { type: 'string' }, endpoint: { type: 'string' }, 'auth-file': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    console.log(SYNC_USAGE);
    return EXIT.done;
  }
  if (!values.data) throw new UsageError('--data DIR is required: the app’s data folder');
  if (values.endpoint !== undefined) {
    const checked = checkEndpoint(values.endpoint);
    if ('problem' in checked) throw new UsageError(`--endpoint: ${checked.problem}`);
  }
  const dataDir = path.resolve(values.data);
  if (!existsSync(path.join(dataDir, DATABASE_FILE)) || !statSync(dataDir).isDirectory()) {
    console.error(`npm run sync: ${dataDir} holds no records (no ${DATABASE_FILE}); is it the app’s data folder?`);
    return EXIT.failed;
  }
  // The app (or another command) holding the folder throws DataDirBusy: exit 3, try again later.
  const app = openApp({
    argv: ['--data', dataDir],
    env: {},
    defaultDataDir: dataDir,
    appVersion,
    bundle: devBundle(),
    recordsMaintenance: false,
    purpose: 'npm run sync',
    lrs: { keyFileOverride: values['auth-file'] ? path.resolve(values['auth-file']) : null, endpointOverride: values.endpoint ?? null },
  });
  try {
    const report = await app.services.lrs.sync(true);
    // --json also gives what the admin area shows: last success, pending, last error, set aside.
    if (values.json) console.log(JSON.stringify({ ...report, status: app.services.lrs.status() }));
    else console.log(report.message);
    return EXIT_FOR[report.outcome];
  } finally {
    app.services.close();
  }
}

runCommand('sync', SYNC_USAGE, main);
