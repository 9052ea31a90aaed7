import './needs-sqlite'; // first: before anything reaches node:sqlite
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LmsMapping, LrsSettings, SafeguardingContacts, Settings, type SchoolContacts } from '../contract/channels/settings';
import { checkEndpoint, parseKeyFile, readKeyFileText } from '../services/lrs';
import { readSmallFile } from '../services/storage';
import { hashPassword, passwordProblem } from '../services/admin';
import { applySetup } from '../services/setup';
import { readAdminRow } from '../services/admin';
import { renderSetupFile } from '../services/setup';
import { openApp, type App } from '../host/compose';
import { prepareDataDir } from '../host/data-dir';
import { DEFAULT_SETTINGS, contactsOutsideSchools } from '../services/settings';
import { devBundle } from './dev-bundle';
import { UsageError, runCommand } from './exit-codes';
import { appVersion } from './project';

const USAGE = `Usage: npm run setup -- --data DIR --trust NAME --schools "A,B" --admin-password-file FILE
                       [--policy-version LABEL] [--write-setup-file OUT]
                       [--lms-home-page URL] [--username-field workEmail|staffId]
                       [--course-code MODULE=SHORTNAME:IDNUMBER ...]
                       [--lrs-endpoint URL] [--lrs-auth-file FILE]
                       [--contacts-file FILE]
Sets up this PC's data folder, and/or writes a set-up file other PCs read at first start.
Give --data, --write-setup-file or both. The password file holds the password on its first line.
  --lms-home-page URL      the Trust's LMS address (the xAPI account home page); needed for any LMS option
  --username-field F       which learner field the LMS knows people by (default workEmail)
  --course-code M=S:I      a module's Totara course short name and id number; repeat per module
  --lrs-endpoint URL       send finished staff attempts to the Trust's LRS (https://…/xapi/)
  --lrs-auth-file FILE     the LRS key file (first line key:secret), read when sending; not copied
  --contacts-file FILE     each school's safeguarding contacts (DSL, deputies, out of hours, LADO):
                           a JSON list, as safeguardingContacts in the set-up file (docs/it-operations.md)`;

/** A password file is one line (PASSWORD_RULES allow at most a few hundred characters): anything far larger is not one. */
const PASSWORD_FILE_MAX_BYTES = 4096;

/** The password from its file: the first line, without the line ending; nothing else is read. */
function readPassword(file: string): string {
  let text: string | null;
  try {
    text = readSmallFile(file, { maxBytes: PASSWORD_FILE_MAX_BYTES, what: `--admin-password-file ${file}`, noun: 'a password file', is: 'a text file with the password on its first line' });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (text === null) throw new UsageError(`--admin-password-file ${file}: no such file`);
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
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
        'lms-home-page': { type: 'string' },
        'username-field': { type: 'string' },
        'course-code': { type: 'string', multiple: true },
        'lrs-endpoint': { type: 'string' },
        'lrs-auth-file': { type: 'string' },
        'contacts-file': { type: 'string' },
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
  const lms = lmsOptions(values);
  const lrs = lrsOptions(values);
  const safeguardingContacts = values['contacts-file'] === undefined ? null : readContactsFile(path.resolve(values['contacts-file']), schools);
  const password = readPassword(path.resolve(values['admin-password-file']));
  const adminPasswordHash = await hashPassword(password);
  const input = { trustName, schools, policyVersionLabel, adminPasswordHash, ...(lms ? { lms } : {}), ...(lrs ? { lrs } : {}), ...(safeguardingContacts ? { safeguardingContacts } : {}) };

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

/** The LMS mapping from --lms-home-page, --username-field and --course-code (null: none given). */
function lmsOptions(v: { 'lms-home-page'?: string; 'username-field'?: string; 'course-code'?: string[] }): LmsMapping | null {
  if (v['lms-home-page'] === undefined && v['username-field'] === undefined && !v['course-code']?.length) return null;
  if (v['lms-home-page'] === undefined) throw new UsageError('--lms-home-page URL is needed with --username-field and --course-code (the Trust\'s LMS address)');
  const courses: Record<string, { shortName: string; idNumber: string }> = {};
  for (const code of v['course-code'] ?? []) {
    const m = /^([^=]+)=([^:]+):(.+)$/.exec(code);
    if (!m) throw new UsageError(`--course-code ${code}: give MODULE=SHORTNAME:IDNUMBER, such as assessment=SM-IND:SMI-2026`);
    courses[m[1]!.trim()] = { shortName: m[2]!.trim(), idNumber: m[3]!.trim() };
  }
  return field('--lms-home-page / --username-field / --course-code', LmsMapping, {
    homePage: v['lms-home-page'],
    usernameField: v['username-field'] ?? 'workEmail',
    courses,
  });
}

/** The LRS from --lrs-endpoint and --lrs-auth-file (the key file is checked now, read when sending). */
function lrsOptions(v: { 'lrs-endpoint'?: string; 'lrs-auth-file'?: string }): LrsSettings | null {
  if (v['lrs-endpoint'] === undefined && v['lrs-auth-file'] === undefined) return null;
  if (v['lrs-endpoint'] === undefined) throw new UsageError('--lrs-auth-file needs --lrs-endpoint URL (where to send)');
  const checked = checkEndpoint(v['lrs-endpoint']);
  if ('problem' in checked) throw new UsageError(`--lrs-endpoint: ${checked.problem}`);
  let keyFile: string | null = null;
  if (v['lrs-auth-file'] !== undefined) {
    keyFile = path.resolve(v['lrs-auth-file']);
    try {
      parseKeyFile(readKeyFileText(keyFile, `--lrs-auth-file ${keyFile}`), `--lrs-auth-file ${keyFile}`);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  return field('--lrs-endpoint', LrsSettings, { endpoint: checked.endpoint, keyFile });
}

/** The largest contacts file read: 100 schools with six deputies each stay under 40 KB. */
const CONTACTS_FILE_MAX_BYTES = 64 * 1024;

/**
 * Each school's safeguarding contacts from --contacts-file: a JSON list in the set-up file's
 * shape, checked by the same rules (every problem named by its place in the list), and every
 * school in it one of --schools. Only a regular file of at most 64 KB is read.
 */
function readContactsFile(file: string, schools: string[]): SchoolContacts[] {
  const where = `--contacts-file ${file}`;
  let text: string | null;
  try {
    // Checked on the opened file, so nothing can be swapped in between the check and the read.
    text = readSmallFile(file, { maxBytes: CONTACTS_FILE_MAX_BYTES, what: where, noun: 'a contacts file', is: 'a JSON list of each school\'s contacts' });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (text === null) throw new UsageError(`${where}: no such file`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = SafeguardingContacts.safeParse(raw);
  if (!parsed.success) {
    // Each problem named as a technician finds it: the entry's number and school, then the field.
    const place = (p: PropertyKey[]): string => {
      if (typeof p[0] !== 'number') return '(the list)';
      const school = (Array.isArray(raw) ? (raw[p[0]] as { school?: unknown } | undefined)?.school : undefined) ?? null;
      const entry = `entry ${p[0] + 1}${typeof school === 'string' ? ` (${school.slice(0, 80).replace(/\p{Cc}/gu, '?')})` : ''}`;
      return p.length > 1 ? `${entry}, ${p.slice(1).map(String).join('.')}` : entry;
    };
    throw new UsageError(parsed.error.issues.map((i) => `${where}: ${place(i.path)}: ${i.message}`).join('\n'));
  }
  const outside = contactsOutsideSchools({ schools, safeguardingContacts: parsed.data });
  if (outside.length > 0) throw new UsageError(outside.map((s) => `${where}: "${s}" is not in --schools; list the school there, or spell it the same way`).join('\n'));
  return parsed.data;
}

/** Sets up an open data folder (refused when it already is: its settings belong to the admin area). */
export function setUpOpenApp(started: App, input: Parameters<typeof applySetup>[1], by: string): void {
  const { db, dataDir } = started.services;
  if (readAdminRow(db)) throw new Error(`the data folder ${dataDir} is already set up; change its settings in the app's admin area`);
  applySetup(started.services.records.store, input, started.services.clock(), by);
}

if (require.main === module) {
  runCommand('setup', USAGE, async () => {
    await runSetupCli(process.argv.slice(2), (line) => console.log(line));
    return 0;
  });
}
