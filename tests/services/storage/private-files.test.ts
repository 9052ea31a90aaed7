import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { harness, removeDir, STAFF, tempDir, type Harness } from '../records/helpers';

const open: Harness[] = [];
afterEach(() => {
  const dirs = new Set(open.map((h) => h.dataDir));
  for (const h of open.splice(0)) h.close();
  for (const d of dirs) removeDir(d);
});

const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);

/** Every file and folder under `dir`, with its mode. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out[path.relative(dir, p)] = mode(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe.runIf(process.platform !== 'win32')('the data folder on POSIX', () => {
  it('creates its folders 0700 and its files 0600 (database, WAL, journal, lock, backups, quarantine), whatever the umask', async () => {
    const old = process.umask(0o022);
    try {
      const dataDir = path.join(tempDir(), 'new-data');
      const h = harness({ dataDir });
      open.push(h);
      await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
      h.services.records.runMaintenance(); // a backup
      h.close();
      open.splice(0);
      writeFileSync(recordFiles(dataDir).database, 'not a database'); // damage: quarantined at the next start
      const again = harness({ dataDir });
      open.push(again);
      expect(again.services.records.health().recovery).not.toBeNull();
      const all = modes(dataDir);
      expect(Object.keys(all)).toEqual(expect.arrayContaining(['records.sqlite', 'records.sqlite-wal', 'records.journal', 'records.lock', 'backups', 'quarantine']));
      expect(Object.keys(all).some((p) => p.startsWith('backups/records-'))).toBe(true);
      expect(Object.keys(all).some((p) => p.endsWith('what-happened.json'))).toBe(true);
      const wrong = Object.entries(all).filter(([p, m]) => m !== (statSync(path.join(dataDir, p)).isDirectory() ? '700' : '600'));
      expect(wrong).toEqual([]);
      expect(mode(dataDir)).toBe('700');
    } finally {
      process.umask(old);
    }
  });

  it('narrows a data folder an older version left readable by others, at the next start', async () => {
    const h = harness();
    open.push(h);
    await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    h.services.records.runMaintenance();
    h.close();
    open.splice(0);
    const f = recordFiles(h.dataDir);
    for (const p of [h.dataDir, f.backups]) chmodSync(p, 0o755);
    for (const p of [f.database, f.journal, ...readdirSync(f.backups).map((b) => path.join(f.backups, b))]) chmodSync(p, 0o644);
    const again = harness({ dataDir: h.dataDir });
    open.push(again);
    const loose = Object.entries(modes(h.dataDir)).filter(([, m]) => m !== '600' && m !== '700');
    expect(loose).toEqual([]);
  });
});

describe('quarantine', () => {
  it('rotates out like backups: folders older than 7 days go in the daily round, newer ones stay', () => {
    const h = harness({ now: new Date('2026-11-27T10:00:00Z') });
    open.push(h);
    const q = recordFiles(h.dataDir).quarantine;
    for (const stamp of ['20261119T090000Z', '20261121T090000Z', '20261126T090000Z']) {
      mkdirSync(path.join(q, stamp), { recursive: true });
      writeFileSync(path.join(q, stamp, 'records.sqlite'), 'a damaged copy with people in it');
    }
    h.services.records.runMaintenance();
    expect(readdirSync(q).sort()).toEqual(['20261121T090000Z', '20261126T090000Z']);
    expect(h.services.records.health().events.some((e) => /1 quarantined database folder\(s\) older than 7 days removed/.test(e.message))).toBe(true);
    expect(existsSync(path.join(q, '20261119T090000Z'))).toBe(false);
  });
});
