import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '@contract/result';
import { exportTarget, recheckTarget } from '@services/output/target';
import type { ExportRequest } from '@services/exports/service';
import { takeBackup } from '@services/storage/backup';
import { seedStore, type Seeded } from './seed';

/**
 * Exports never touch the records (issue 11 item 6): every hostile destination an export, the
 * CLI or a save dialog could be given is refused before anything is written, and the database,
 * journal, lock and backups are the same files, unchanged, afterwards.
 */
let s: Seeded;
beforeEach(() => {
  s = seedStore();
  takeBackup(s.rawDb, path.join(s.dataDir, 'backups'), new Date(), 'test'); // a backup to protect as well
});
afterEach(() => s.stop());

/** Each protected file's identity (device:inode) and bytes. */
/** A file's bytes without the zeros at its end: the journal lays them out past its lines and its next line goes over them (storage/journal-file.ts). */
function withoutTrailingZeros(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

function recordsFiles(): Map<string, { id: string; bytes: Buffer }> {
  const out = new Map<string, { id: string; bytes: Buffer }>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !/-(wal|shm)$/.test(e.name)) {
        const st = statSync(p);
        out.set(path.relative(s.dataDir, p), { id: `${st.dev}:${st.ino}`, bytes: withoutTrailingZeros(readFileSync(p)) });
      }
    }
  };
  walk(s.dataDir);
  return out;
}

/**
 * Not overwritten: the same files (same inodes), each still beginning with what it held before
 * (the journal may only have grown by the audit entry of the refused export), none holding an
 * export's bytes.
 */
function expectUntouched(before: Map<string, { id: string; bytes: Buffer }>): void {
  const after = recordsFiles();
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [name, was] of before) {
    const now = after.get(name)!;
    expect(now.id, name).toBe(was.id);
    expect(now.bytes.subarray(0, was.bytes.length).equals(was.bytes), `${name} still begins with what it held`).toBe(true);
    for (const marker of ['learner_id,name', 'username,courseshortname', 'PK\x03\x04', '%PDF']) expect(now.bytes.includes(marker), `${name} has no export in it`).toBe(false);
  }
}

async function refusal(out: string, req: ExportRequest = { format: 'csv' }): Promise<string> {
  try {
    await s.services.exports.run(req, out, 'cli');
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).code).toBe('invalid-request');
    return (err as Error).message;
  }
  throw new Error(`the export to ${out} was not refused`);
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.partial'));

describe('an export is refused wherever it would reach the records', () => {
  it('the data folder itself, its files and its backups, by any name', async () => {
    const before = recordsFiles();
    expect([...before.keys()]).toEqual(expect.arrayContaining(['records.sqlite', 'records.journal', 'records.lock']));
    const data = s.dataDir;
    const hostile = [
      data,
      path.join(data, 'records.sqlite'),
      path.join(data, 'records.journal'),
      path.join(data, 'records.lock'),
      path.join(data, 'backups'),
      path.join(data, 'backups', 'x.csv'),
      path.join(s.outDir, '..', path.basename(data), 'records.sqlite'),
      `${data}/./backups/../records.journal`,
    ];
    for (const out of hostile) expect(await refusal(out), out).toMatch(/inside the app's data folder|inside a training-records data folder/);
    for (const format of ['totara', 'xapi', 'cmi2004', 'scorm12'] as const) {
      expect(await refusal(path.join(data, 'records.sqlite'), { format })).toContain("inside the app's data folder");
    }
    expect(await refusal(path.join(data, 'modules'), { format: 'scorm2004', perModule: true })).toContain("inside the app's data folder");
    expect(existsSync(path.join(data, 'modules'))).toBe(false);
    expectUntouched(before);
    expect(leftovers(data)).toEqual([]);
  });

  it('a case variation of the data folder never reaches it', async () => {
    const before = recordsFiles();
    const upper = path.join(path.dirname(s.dataDir), path.basename(s.dataDir).toUpperCase());
    // On a case-insensitive disk this is the data folder (refused as such); on Linux it does not exist.
    expect(await refusal(path.join(upper, 'records.sqlite'))).toMatch(/inside the app's data folder|does not exist/);
    expectUntouched(before);
  });

  it('links: a folder link into the data folder, a file link to the database, a hard link to it', async () => {
    const before = recordsFiles();
    symlinkSync(s.dataDir, path.join(s.outDir, 'looks-harmless'));
    symlinkSync(path.join(s.dataDir, 'records.sqlite'), path.join(s.outDir, 'results.csv'));
    linkSync(path.join(s.dataDir, 'records.journal'), path.join(s.outDir, 'totara.csv'));
    expect(await refusal(path.join(s.outDir, 'looks-harmless', 'records.sqlite'))).toContain("inside the app's data folder");
    expect(await refusal(path.join(s.outDir, 'looks-harmless'))).toContain("inside the app's data folder");
    expect(await refusal(path.join(s.outDir, 'results.csv'))).toContain('is a link to another file');
    expect(await refusal(path.join(s.outDir, 'totara.csv'), { format: 'totara' })).toContain('other names on this computer (hard links)');
    expect(await refusal(path.join(s.outDir, 'looks-harmless', 'm'), { format: 'scorm12', perModule: true })).toContain("inside the app's data folder");
    // The hard link adds a name, not a change: same inode, same bytes.
    expectUntouched(before);
    expect(leftovers(s.outDir)).toEqual([]);
  });

  it('another data folder on this PC (one holding a records database) is refused too', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'other-data-'));
    try {
      writeFileSync(path.join(other, 'records.sqlite'), 'SQLite format 3\0');
      mkdirSync(path.join(other, 'backups'));
      expect(await refusal(path.join(other, 'backups', 'results.csv'))).toContain('inside a training-records data folder');
      expect(readFileSync(path.join(other, 'records.sqlite'), 'utf8')).toBe('SQLite format 3\0');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a FIFO, a folder or a missing folder is refused without blocking or creating anything', async () => {
    execFileSync('mkfifo', [path.join(s.outDir, 'pipe.csv')]);
    expect(await refusal(path.join(s.outDir, 'pipe.csv'))).toContain('not an ordinary file');
    expect(await refusal(path.join(s.outDir, 'nowhere', 'x.csv'))).toContain('does not exist');
    expect(existsSync(path.join(s.outDir, 'nowhere'))).toBe(false);
  });

  it('an ordinary file outside is written, replacing what was there, with no partial file left', async () => {
    const out = path.join(s.outDir, 'results.csv');
    writeFileSync(out, 'old');
    const o = await s.services.exports.run({ format: 'csv' }, out, 'cli');
    expect(o.files[0]!.path).toBe(out);
    expect(readFileSync(out, 'utf8')).toContain('Ada Lovelace');
    expect(leftovers(s.outDir)).toEqual([]);
  });

  it('a folder swapped for a link while the file is written is caught before the file moves in', () => {
    const folder = path.join(s.outDir, 'reports');
    mkdirSync(folder);
    const target = exportTarget(path.join(folder, 'results.csv'), s.dataDir);
    renameSync(folder, path.join(s.outDir, 'moved'));
    symlinkSync(s.dataDir, folder);
    expect(() => recheckTarget(target)).toThrow(/changed while the file was being written/);
  });

  it('a save dialog answer inside the data folder is refused for documents as for exports', async () => {
    const before = recordsFiles();
    s.services.exports.chooseDestination = async () => path.join(s.dataDir, 'records.sqlite');
    const { deliverDocument } = await import('@services/exports/plumbing/deliver');
    await expect(
      deliverDocument(s.services.exports, s.dataDir, { title: 't', blocks: [{ kind: 'title', text: 'x' }] }, 'x.pdf', new Date()),
    ).rejects.toThrow(/inside the app's data folder/);
    await expect(s.services.exports.run({ format: 'csv' }, path.join(s.dataDir, 'x.csv'), 'admin')).rejects.toThrow(/inside the app's data folder/);
    expectUntouched(before);
  });
});
