import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Settings } from '../contract/channels/settings';
import { hashPassword, passwordProblem } from '../services/admin/password';
import { applySetup } from '../services/setup/apply';
import { AdminStore } from '../services/admin/store';
import { renderSetupFile } from '../services/setup/file';
import { openApp, type App } from '../host/compose';
import { prepareDataDir } from '../host/data-dir';
import { DEFAULT_SETTINGS } from '../services/settings/service';
import { devBundle } from './dev-bundle';
import { UsageError, runCommand } from './exit-codes';
import { appVersion } from './project';

const USAGE = `Usage: npm run setup -- --data DIR --trust NAME --schools "A,B" --admin-password-file FILE
                       [--policy-version LABEL] [--write-setup-file OUT]
Sets up this PC's data folder, and/or writes a set-up file other PCs read at first start.
Give --data, --write-setup-file or both. The password file holds the password on its first line.`;

/** The password from its file: the first line, without the line ending; nothing else is read. */
function readPassword(file: string): string {
  if (!existsSync(file)) throw new UsageError(`--admin-password-file ${file}: no such file`);
  const first = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const problem = passwordProblem(first);
  if (problem) throw new UsageError(`--admin-password-file ${file}: ${problem}`);
  return first;
}

function field<T>(name: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${name}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

export async function runSetupCli(argv: string[], log: (line: string) => void): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        trust: { type: 'string' },
        schools: { type: 'string' },
        'admin-password-file': { type: 'string' },
        'policy-version': { type: 'string' },
        'write-setup-file': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    log(USAGE);
    return;
  }
  if (!values.data && !values['write-setup-file']) throw new UsageError('give --data DIR, --write-setup-file OUT, or both');
  if (!values.trust) throw new UsageError('--trust NAME is required');
  if (!values.schools) throw new UsageError('--schools "A,B" is required');
  if (!values['admin-password-file']) throw new UsageError('--admin-password-file FILE is required (the password never goes on the command line)');

  const trustName = field('--trust', Settings.shape.trustName, values.trust);
  const schoolList = values.schools.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (schoolList.length === 0) throw new UsageError('--schools: list at least one school, separated by commas');
  const schools = field('--schools', Settings.shape.schools, schoolList);
  const policyVersionLabel = field('--policy-version', Settings.shape.policyVersionLabel, values['policy-version'] ?? DEFAULT_SETTINGS.policyVersionLabel);
  const password = readPassword(path.resolve(values['admin-password-file']));
  const adminPasswordHash = await hashPassword(password);
  const input = { trustName, schools, policyVersionLabel, adminPasswordHash };

  if (values['write-setup-file']) {
    const out = path.resolve(values['write-setup-file']);
    const text = renderSetupFile({ ...input, writtenAt: new Date().toISOString(), writtenBy: `npm run setup, app ${appVersion}` });
    writeFileSync(out, text, { encoding: 'utf8', flag: 'w' });
    log(`Wrote the set-up file ${out} (it holds the password's scrypt hash, never the password).`);
  }
  if (values.data) {
    const dataDir = prepareDataDir(path.resolve(values.data));
    // Opened as every command opens a data folder: the lock first (a running app or command is
    // refused, exit 3), then the records' checks and migrations.
    const started = openApp({ argv: ['--data', dataDir], env: {}, defaultDataDir: dataDir, appVersion, bundle: devBundle(), recordsMaintenance: false, purpose: 'npm run setup' });
    try {
      setUpOpenApp(started, input, 'npm run setup');
    } finally {
      started.services.close();
    }
    log(`Set up ${dataDir} for ${trustName} (${schools.length} school${schools.length === 1 ? '' : 's'}).`);
  }
}

/** Sets up an open data folder (refused when it already is: its settings belong to the admin area). */
export function setUpOpenApp(started: App, input: Parameters<typeof applySetup>[1], by: string): void {
  const { db, dataDir } = started.services;
  if (new AdminStore(db).read()) throw new Error(`the data folder ${dataDir} is already set up; change its settings in the app's admin area`);
  applySetup(db, input, started.services.clock(), by);
}

if (require.main === module) {
  runCommand('setup', USAGE, async () => {
    await runSetupCli(process.argv.slice(2), (line) => console.log(line));
    return 0;
  });
}
