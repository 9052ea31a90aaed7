import { describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { chooseDataDir, prepareDataDir } from '@host/data-dir';

describe('choosing the data folder', () => {
  it('prefers --data, then INDUCTION_DATA_DIR, then the default', () => {
    expect(chooseDataDir(['--data', '/srv/a'], { INDUCTION_DATA_DIR: '/srv/b' }, '/home/u')).toBe(path.resolve('/srv/a'));
    expect(chooseDataDir(['--data=/srv/c'], {}, '/home/u')).toBe(path.resolve('/srv/c'));
    expect(chooseDataDir([], { INDUCTION_DATA_DIR: '/srv/b' }, '/home/u')).toBe(path.resolve('/srv/b'));
    expect(chooseDataDir([], {}, '/home/u')).toBe(path.resolve('/home/u'));
  });

  it('says what is wrong when --data has no folder', () => {
    expect(() => chooseDataDir(['--data'], {}, '/x')).toThrow(/--data needs a folder path/);
    expect(() => chooseDataDir(['--data', '--port'], {}, '/x')).toThrow(/--data needs a folder path/);
  });

  it('refuses a network share and explains why', () => {
    expect(() => prepareDataDir('\\\\fileserver\\training')).toThrow(/network share.*write-ahead log/s);
  });

  it('creates a missing local folder', () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'data-dir-'));
    const dir = path.join(base, 'a', 'b');
    expect(prepareDataDir(dir)).toBe(dir);
    rmSync(base, { recursive: true, force: true });
  });
});
