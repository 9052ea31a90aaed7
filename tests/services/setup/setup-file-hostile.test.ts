import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETUP_FILE_NAME, parseSetupFile } from '@services/setup/file';
import { startHarness, type Harness } from '../admin/harness';
import { baseSetupFile, refusal, tempFolders } from './fixture';

/**
 * Issue 11 item 8, the set-up file IT copies to many PCs: every nested object strict, at most
 * 64 KB, a regular file only (a named pipe or a device is refused and never read), and no control
 * character in any text it sets. Each refusal names the file and the key path.
 */

let h: Harness | null = null;
afterEach(() => {
  h?.stop();
  h = null;
});
const tmp = tempFolders('induction-setup-hostile-');
const base = baseSetupFile;
const lms = { usernameField: 'staffId', homePage: 'https://lms.leap.example', courses: { assessment: { shortName: 'SMP-ASSESS', idNumber: 'SMP01' } } };
const lrs = { endpoint: 'https://lrs.leap.example/xapi/', keyFile: 'lrs-key.txt' };

const problems = (file: object): string => refusal(JSON.stringify(file), 'F:\\setup.json');

describe('set-up file: every nested object is strict', () => {
  it('refuses an unknown key at any depth, naming its path', () => {
    const message = problems({
      ...base,
      lms: { ...lms, actorName: 'x', courses: { assessment: { ...lms.courses.assessment, visible: true } } },
      lrs: { ...lrs, secret: 'abc' },
    });
    expect(message).toContain('F:\\setup.json: lms.actorName: is not a set-up field');
    expect(message).toContain('F:\\setup.json: lms.courses.assessment.visible: is not a set-up field');
    expect(message).toContain('F:\\setup.json: lrs.secret: is not a set-up field');
    expect(message).toMatch(/has 3 problems/);
  });

  it('refuses a school given as an object rather than a name', () => {
    expect(problems({ ...base, schools: [{ name: 'Mounts Bay Academy' }] })).toMatch(/F:\\setup\.json: schools\.0: /);
  });

  it('still takes a file with every nested object as npm run setup writes it', () => {
    expect(parseSetupFile(JSON.stringify({ ...base, lms, lrs }), 'f.json')).toMatchObject({ lms, lrs });
  });
});

describe('set-up file: no control character in any text it sets', () => {
  const cases: [string, object, string][] = [
    ['trustName', { trustName: 'Leading Edge\u0000 Academies' }, 'trustName: must not contain control characters (U+0000 at character 13)'],
    ['a school', { schools: ['Mounts Bay', 'Hayle \u202eymedacA'] }, 'schools.1: must not contain control characters (U+202E at character 7)'],
    ['policyVersionLabel', { policyVersionLabel: '2026\u00071' }, 'policyVersionLabel: must not contain control characters (U+0007 at character 5)'],
    ['lms.homePage (a tab the URL parser would drop)', { lms: { ...lms, homePage: 'https://lms.leap\t.example' } }, 'lms.homePage: must not contain control characters (U+0009 at character 17)'],
    ['lms.homePage (a NUL the URL parser keeps)', { lms: { ...lms, homePage: 'https://lms.leap.example/\u0000' } }, 'lms.homePage: must not contain control characters (U+0000 at character 26)'],
    ['a course code', { lms: { ...lms, courses: { assessment: { shortName: 'SMP\u0085', idNumber: 'SMP01' } } } }, 'lms.courses.assessment.shortName: must not contain control characters (U+0085 at character 4)'],
    ['lrs.endpoint', { lrs: { ...lrs, endpoint: 'https://lrs.leap.example/xapi/\n' } }, 'lrs.endpoint: must not contain control characters (U+000A at character 31)'],
    ['lrs.keyFile', { lrs: { ...lrs, keyFile: 'lrs\u001b[2Jkey.txt' } }, 'lrs.keyFile: must not contain control characters (U+001B at character 4)'],
    ['writtenBy', { writtenBy: 'npm run setup\r\nforged: line' }, 'writtenBy: must not contain control characters (U+000D at character 14)'],
  ];
  it.each(cases)('%s', (_what, change, message) => {
    expect(problems({ ...base, ...change })).toContain(`F:\\setup.json: ${message}`);
  });
});

describe('set-up file: only a regular file of at most 64 KB is read', () => {
  /** A valid set-up file padded with spaces to exactly `bytes` bytes. */
  const padded = (bytes: number): string => {
    const text = JSON.stringify(base);
    return text.slice(0, -1) + ' '.repeat(bytes - text.length) + '}';
  };

  it('takes a file of 65,536 bytes and refuses one of 65,537, saying how large it is', () => {
    const ok = tmp();
    writeFileSync(path.join(ok, SETUP_FILE_NAME), padded(65_536));
    h = startHarness({ dataDir: ok });
    expect(h.started.services.admin.isSetUp()).toBe(true);

    const big = path.join(tmp(), 'big.json');
    writeFileSync(big, padded(65_537));
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', big] })).toThrow(`${big}: is 65,537 bytes; a set-up file is at most 65,536 bytes`);
  });

  it('refuses a named pipe in the data folder without reading it (a read would wait for a writer for ever)', () => {
    const dataDir = tmp();
    const fifo = path.join(dataDir, SETUP_FILE_NAME);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => startHarness({ dataDir })).toThrow(`${fifo}: is a named pipe, not a file`);
  });

  it('refuses --setup-file naming a pipe, a device, a folder, or a link to a pipe', () => {
    const dir = tmp();
    const fifo = path.join(dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const link = path.join(dir, 'link.json');
    symlinkSync(fifo, link);
    const folder = path.join(dir, 'folder.json');
    mkdirSync(folder);
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', fifo] })).toThrow(`${fifo}: is a named pipe, not a file`);
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', link] })).toThrow(`${link}: is a named pipe, not a file`);
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', '/dev/zero'] })).toThrow('/dev/zero: is a device, not a file');
    expect(() => startHarness({ dataDir: tmp(), argv: ['--setup-file', folder] })).toThrow(`${folder}: is a folder, not a file`);
  });
});
