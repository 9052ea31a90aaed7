import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../services/exports/seed';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** `npm run export -- ...` exactly as the script runs it (tsx on this Node). */
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [TSX, path.join(ROOT, 'electron/cli/export.ts'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let dataDir: string;
let empty: string;
let out: string;
beforeAll(() => {
  const s = seedStore();
  dataDir = s.dataDir;
  s.services.close();
  rmSync(s.outDir, { recursive: true, force: true });
  empty = mkdtempSync(path.join(os.tmpdir(), 'export-empty-'));
  out = mkdtempSync(path.join(os.tmpdir(), 'export-out-'));
});
afterAll(() => {
  for (const d of [dataDir, empty, out]) rmSync(d, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('refuses a bad command line with the usage and exit 2', () => {
    const none = cli();
    expect(none.code).toBe(2);
    expect(none.err).toContain('--data DIR is required');
    expect(none.err).toContain('Usage: npm run export');
    const bad = cli('--data', dataDir, '--format', 'pdf', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of csv, totara, xapi, cmi12, cmi2004, records, scorm12, scorm2004; got "pdf"');
    expect(cli('--data', dataDir, '--format', 'csv', '--out', out, '--per-module').err).toContain('--course and --per-module apply to scorm12 and scorm2004 only');
    expect(cli('--data', dataDir, '--format', 'csv', '--out', out, '--colour').code).toBe(2);
  });

  it('refuses an empty data folder with exit 1 and creates nothing there', () => {
    const r = cli('--data', empty, '--format', 'csv', '--out', path.join(out, 'x.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('holds no records (no records.sqlite)');
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(path.join(out, 'x.csv'))).toBe(false);
  });

  it('writes the Totara upload to the file given and says what it did', () => {
    const file = path.join(out, 'totara.csv');
    const r = cli('--data', dataDir, '--format', 'totara', '--out', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Exported 2 row\(s\) as totara in \d+\.\d s:\n {2}.*totara\.csv {2}\(1 KB\)\n$/);
    expect(readFileSync(file, 'utf8').split('\r\n')[0]).toBe('username,courseshortname,courseidnumber,completiondate,grade');
  });

  // Three runs of the command, each a Node start and a course compile: up to a minute apiece on a busy 2-core machine.
  it('refuses to write into the data folder (exit 1): the database stays the database', { timeout: 180_000 }, () => {
    for (const target of [path.join(dataDir, 'records.sqlite'), dataDir, path.join(out, '..', path.basename(dataDir), 'records.journal')]) {
      const r = cli('--data', dataDir, '--format', 'csv', '--out', target);
      expect(r.code, target).toBe(1);
      expect(r.err).toContain("inside the app's data folder");
    }
    const db = readFileSync(path.join(dataDir, 'records.sqlite'));
    expect(db.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(db.includes('learner_id,name')).toBe(false);
    expect(readdirSync(dataDir).filter((f) => /results|\.partial$/.test(f))).toEqual([]);
  });

  it('puts one zip per module in a folder with --per-module, for a pupil band with --course', () => {
    const folder = path.join(out, 'ks3');
    const r = cli('--data', dataDir, '--format', 'scorm12', '--course', 'pupils-ks3', '--per-module', '--out', folder);
    expect(r.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['pupils-ks3-block-report-tell-scorm12.zip', 'pupils-ks3-scams-fakes-images-scorm12.zip', 'pupils-ks3-what-you-share-scorm12.zip', 'pupils-ks3-who-you-let-in-scorm12.zip']);
    const unknown = cli('--data', dataDir, '--format', 'scorm2004', '--course', 'pupils-ks9', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No course "pupils-ks9"');
  });
});
