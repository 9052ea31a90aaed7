import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSetupCli } from '@cli/setup';
import { SETUP_FILE_NAME, parseSetupFile, renderSetupFile } from '@services/setup/file';
import { hashPassword } from '@services/admin/password';
import { ADMIN_PASSWORD, errorCode, expectOk, startHarness, type Harness } from '../admin/harness';
import { baseSetupFile, hayleContacts, refusal, tempFolders } from './fixture';

let h: Harness | null = null;
afterEach(() => {
  h?.stop();
  h = null;
});
const tmp = tempFolders('induction-setup-');
const base = baseSetupFile;
const problems = (text: string): string => refusal(text, 'C:\\IT\\setup.json');

describe('set-up file: validation names the file and the field', () => {
  it('accepts a well-formed file with an LMS mapping', () => {
    const lms = { usernameField: 'staffId', homePage: 'https://lms.leap.example', courses: { assessment: { shortName: 'SMP-ASSESS', idNumber: 'SMP01' } } };
    expect(parseSetupFile(JSON.stringify({ ...base, lms }), 'f.json').lms).toEqual(lms);
  });

  it('lists every problem with its path', () => {
    const bad = { ...base, trustName: '', schools: ['A', 'a'], formatVersion: 2, adminPasswordHash: 'plain', lms: { usernameField: 'email', homePage: 'ftp://x', courses: {} }, colour: 'red' };
    const message = problems(JSON.stringify(bad));
    expect(message).toContain('C:\\IT\\setup.json: trustName: must not be empty');
    expect(message).toContain('C:\\IT\\setup.json: schools: school names must be unique');
    expect(message).toContain('C:\\IT\\setup.json: formatVersion: must be 1');
    expect(message).toContain('C:\\IT\\setup.json: adminPasswordHash: must look like $scrypt$ln=17');
    expect(message).toContain('C:\\IT\\setup.json: lms.usernameField:');
    expect(message).toContain('C:\\IT\\setup.json: lms.homePage: must be the LMS\'s web address');
    expect(message).toContain('C:\\IT\\setup.json: colour: is not a set-up field');
  });

  it('refuses a file that carries the password itself, and says why', () => {
    expect(problems(JSON.stringify({ ...base, adminPassword: 'correct horse' }))).toMatch(/adminPassword: a set-up file must never hold the password itself/);
  });

  it('reports broken JSON and an empty school list plainly', () => {
    expect(problems('{"kind": ')).toMatch(/^C:\\IT\\setup\.json: not valid JSON/);
    expect(problems(JSON.stringify({ ...base, schools: [] }))).toContain('schools: list at least one school');
    expect(problems('[]')).toMatch(/must be a JSON object/);
  });
});

describe('set-up file: read at first start', () => {
  it('sets up a PC from induction-setup.json in the data folder, and the password in it works', async () => {
    const dataDir = tmp();
    const text = renderSetupFile({ ...base, schools: ['Mounts Bay Academy', 'Hayle Academy'], adminPasswordHash: await hashPassword(ADMIN_PASSWORD) });
    writeFileSync(path.join(dataDir, SETUP_FILE_NAME), text);
    h = startHarness({ dataDir });
    expect(expectOk(await h.call('setup.status', {}))).toEqual({ setUp: true });
    expect(expectOk(await h.call('settings.get', {}))).toMatchObject({ schools: ['Mounts Bay Academy', 'Hayle Academy'], policyVersionLabel: '2026.1' });
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: false });
    expect(expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toMatchObject({ unlocked: true });
    // The screen cannot set the PC up a second time.
    expect(errorCode(await h.call('setup.complete', { trustName: 'X', schools: ['Y'], policyVersionLabel: '1', adminPassword: 'another long password' }))).toBe('conflict');
  });

  it('takes --setup-file, and stops the start with the file and field when it is wrong', () => {
    const dir = tmp();
    const file = path.join(dir, 'pcs.json');
    writeFileSync(file, JSON.stringify({ ...base, schools: [''] }));
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', file] })).toThrow(`${file}: schools.0: must not be empty`);
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', path.join(dir, 'missing.json')] })).toThrow(/no such file/);
    writeFileSync(file, JSON.stringify(base));
    h = startHarness({ dataDir: tmp(), argv: [`--setup-file=${file}`] });
    expect(h.started.services.admin.isSetUp()).toBe(true);
    expect(h.started.services.settings.get().trustName).toBe(base.trustName);
  });

  it('leaves a PC that is not set up alone when there is no file', async () => {
    h = startHarness();
    expect(expectOk(await h.call('setup.status', {}))).toEqual({ setUp: false });
  });
});

describe('npm run setup', () => {
  it('sets up a data folder and writes a set-up file holding the hash, never the password', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'pw.txt'), `${ADMIN_PASSWORD}\r\n`);
    const lines: string[] = [];
    await runSetupCli(
      ['--data', path.join(dir, 'data'), '--trust', 'LEAP', '--schools', 'Mounts Bay Academy, Hayle Academy', '--admin-password-file', path.join(dir, 'pw.txt'), '--write-setup-file', path.join(dir, 'out.json')],
      (l) => lines.push(l),
    );
    const written = readFileSync(path.join(dir, 'out.json'), 'utf8');
    expect(written).not.toContain('horse');
    expect(parseSetupFile(written, 'out.json').schools).toEqual(['Mounts Bay Academy', 'Hayle Academy']);
    h = startHarness({ dataDir: path.join(dir, 'data') });
    expect(expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toMatchObject({ unlocked: true });
    // The written file sets up a second PC with the same password.
    const second = startHarness({ dataDir: tmp(), argv: ['--setup-file', path.join(dir, 'out.json')] });
    try {
      expect(expectOk(await second.call('admin.unlock', { password: ADMIN_PASSWORD }))).toMatchObject({ unlocked: true });
    } finally {
      second.started.services.close();
    }
    await expect(runSetupCli(['--data', path.join(dir, 'data'), '--trust', 'LEAP', '--schools', 'A', '--admin-password-file', path.join(dir, 'pw.txt')], () => {})).rejects.toThrow(/already set up/);
  });

  it('takes the LMS mapping and the LRS, into the data folder and into the set-up file for other PCs', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'pw.txt'), `${ADMIN_PASSWORD}\n`);
    writeFileSync(path.join(dir, 'lrs.key'), 'leap-pc:s3cret-value\n');
    const args = [
      '--trust', 'LEAP', '--schools', 'Mounts Bay Academy', '--admin-password-file', path.join(dir, 'pw.txt'),
      '--lms-home-page', 'https://lms.leap.example', '--username-field', 'staffId', '--course-code', 'assessment=SM-IND:SMI-2026',
      '--lrs-endpoint', 'https://lrs.leap.example/xapi', '--lrs-auth-file', path.join(dir, 'lrs.key'),
    ];
    await runSetupCli(['--data', path.join(dir, 'data'), '--write-setup-file', path.join(dir, 'out.json'), ...args], () => {});
    const file = parseSetupFile(readFileSync(path.join(dir, 'out.json'), 'utf8'), 'out.json');
    const lms = { homePage: 'https://lms.leap.example', usernameField: 'staffId', courses: { assessment: { shortName: 'SM-IND', idNumber: 'SMI-2026' } } };
    const lrs = { endpoint: 'https://lrs.leap.example/xapi/', keyFile: path.join(dir, 'lrs.key') };
    expect(file).toMatchObject({ lms, lrs });
    expect(readFileSync(path.join(dir, 'out.json'), 'utf8')).not.toContain('s3cret-value'); // the key file is named, never copied
    h = startHarness({ dataDir: path.join(dir, 'data') });
    expect(h.started.services.settings.get()).toMatchObject({ lms, lrs });
    expect(h.started.services.lrs.status()).toMatchObject({ on: true, endpoint: 'https://lrs.leap.example/xapi/', credentials: 'key-file', pending: 0 });
    // A second PC set up from the file gets the same mapping and LRS.
    const second = startHarness({ dataDir: tmp(), argv: ['--setup-file', path.join(dir, 'out.json')] });
    try {
      expect(second.started.services.settings.get()).toMatchObject({ lms, lrs });
    } finally {
      second.started.services.close();
    }
  });

  it('refuses LMS and LRS options that cannot work, saying which and why', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'pw.txt'), `${ADMIN_PASSWORD}\n`);
    writeFileSync(path.join(dir, 'bad.key'), 'no colon here\n');
    const base = ['--write-setup-file', path.join(dir, 'o.json'), '--trust', 'T', '--schools', 'A', '--admin-password-file', path.join(dir, 'pw.txt')];
    const run = (args: string[]) => runSetupCli([...base, ...args], () => {});
    await expect(run(['--username-field', 'staffId'])).rejects.toThrow(/--lms-home-page URL is needed/);
    await expect(run(['--lms-home-page', 'https://lms.example', '--username-field', 'payroll'])).rejects.toThrow(/--username-field|usernameField/);
    await expect(run(['--lms-home-page', 'https://lms.example', '--course-code', 'assessment'])).rejects.toThrow(/MODULE=SHORTNAME:IDNUMBER/);
    await expect(run(['--lrs-endpoint', 'http://lrs.example/xapi'])).rejects.toThrow(/must start with https:\/\//);
    await expect(run(['--lrs-endpoint', 'https://lrs.example/xapi', '--lrs-auth-file', path.join(dir, 'none.key')])).rejects.toThrow(/none\.key: no such file/);
    await expect(run(['--lrs-endpoint', 'https://lrs.example/xapi', '--lrs-auth-file', path.join(dir, 'bad.key')])).rejects.toThrow(/bad\.key: the first line must be the LRS key and secret as key:secret/);
    await expect(run(['--lrs-auth-file', path.join(dir, 'bad.key')])).rejects.toThrow(/needs --lrs-endpoint/);
  });

  it('takes each school\'s safeguarding contacts from --contacts-file, into the data folder and the set-up file', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'pw.txt'), `${ADMIN_PASSWORD}\n`);
    const hayle = hayleContacts;
    writeFileSync(path.join(dir, 'contacts.json'), `\uFEFF${JSON.stringify([hayle], null, 2)}`); // as Notepad saves it
    await runSetupCli(
      ['--data', path.join(dir, 'data'), '--write-setup-file', path.join(dir, 'out.json'), '--trust', 'LEAP', '--schools', 'Mounts Bay Academy, Hayle Academy', '--admin-password-file', path.join(dir, 'pw.txt'), '--contacts-file', path.join(dir, 'contacts.json')],
      () => {},
    );
    expect(parseSetupFile(readFileSync(path.join(dir, 'out.json'), 'utf8'), 'out.json').safeguardingContacts).toEqual([hayle]);
    h = startHarness({ dataDir: path.join(dir, 'data') });
    expect(h.started.services.settings.get().safeguardingContacts).toEqual([hayle]);

    // Refusals name the file, the entry (its number and school) and the field; nothing is written.
    const run = (contacts: string, schools = 'Hayle Academy') =>
      runSetupCli(['--write-setup-file', path.join(dir, 'refused.json'), '--trust', 'T', '--schools', schools, '--admin-password-file', path.join(dir, 'pw.txt'), '--contacts-file', contacts], () => {});
    const write = (name: string, value: unknown): string => {
      writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
      return path.join(dir, name);
    };
    await expect(run(write('phone.json', [{ ...hayle, deputies: [{ name: 'Sam Trevena', phone: 'ring Sam' }] }]))).rejects.toThrow(/phone\.json: entry 1 \(Hayle Academy\), deputies\.0\.phone: /);
    await expect(run(write('elsewhere.json', [{ ...hayle, school: 'Penzance School' }]))).rejects.toThrow(/elsewhere\.json: "Penzance School" is not in --schools/);
    await expect(run(write('extra.json', [{ ...hayle, email: 'dsl@hayle.example' }]))).rejects.toThrow(/extra\.json: entry 1 \(Hayle Academy\)/);
    await expect(run(write('twice.json', [hayle, hayle]))).rejects.toThrow(/twice\.json: \(the list\): one entry per school/);
    await expect(run(write('object.json', { hayle }))).rejects.toThrow(/object\.json: \(the list\): /);
    await expect(run(write('broken.json', '[{"school": '))).rejects.toThrow(/broken\.json: not valid JSON/);
    await expect(run(write('big.json', `[${' '.repeat(70_000)}]`))).rejects.toThrow(/big\.json: is 70,002 bytes; a contacts file is at most 65,536 bytes/);
    await expect(run(write('escape.json', [{ ...hayle, school: 'Hayle\u001b[2J', dsl: { name: '', phone: '1' } }]))).rejects.toThrow(/entry 1 \(Hayle\?\[2J\)/);
    await expect(run(dir)).rejects.toThrow(/is a folder, not a file; a contacts file is a JSON list/);
    await expect(run(path.join(dir, 'none.json'))).rejects.toThrow(/none\.json: no such file/);
    const fifo = path.join(dir, 'contacts.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(run(fifo)).rejects.toThrow(/contacts\.fifo: is a named pipe, not a file/); // refused unread: a pipe would hang the command
    expect(existsSync(path.join(dir, 'refused.json'))).toBe(false);
  });

  it('refuses bad options with a clear message', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'short.txt'), 'short\n');
    const run = (args: string[]) => runSetupCli(args, () => {});
    await expect(run(['--trust', 'T'])).rejects.toThrow(/give --data DIR, --write-setup-file OUT, or both/);
    await expect(run(['--data', dir, '--trust', 'T', '--schools', ' , ', '--admin-password-file', path.join(dir, 'short.txt')])).rejects.toThrow(/--schools: list at least one school/);
    await expect(run(['--data', dir, '--trust', 'T', '--schools', 'A'])).rejects.toThrow(/--admin-password-file FILE is required/);
    await expect(run(['--data', dir, '--trust', 'T', '--schools', 'A', '--admin-password-file', path.join(dir, 'short.txt')])).rejects.toThrow(/short\.txt: The password must be at least 12/);
    await expect(run(['--data', dir, '--colour', 'red'])).rejects.toThrow(/colour/);
  });
  it('exits 2 with the usage on a bad option, and 1 when the folder is already set up', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'pw.txt'), `${ADMIN_PASSWORD}\n`);
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [path.resolve(__dirname, '../../../node_modules/tsx/dist/cli.mjs'), path.resolve(__dirname, '../../../electron/cli/setup.ts'), ...args], { encoding: 'utf8' });
    const bad = cli(['--trust', 'T']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('npm run setup: give --data DIR');
    expect(bad.stderr).toContain('Usage: npm run setup');
    const args = ['--data', path.join(dir, 'data'), '--trust', 'T', '--schools', 'A', '--admin-password-file', path.join(dir, 'pw.txt')];
    expect(cli(args).status).toBe(0);
    const again = cli(args);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already set up/);
  }, 240_000); // three real commands, each compiling the course and opening the records
});
