import { existsSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { ReadableDb } from './handles';
import { loadSqlite } from './sqlite';
import { fileStamp } from './files';
import { fsyncDir } from './journal';
import { vacuumIntoOffMain } from './off-main';
import { privateDir, privateFile } from './private-files';

/**
 * Backups are whole, consistent copies made with `VACUUM INTO` (no torn pages, no WAL to carry),
 * named so that they sort by time and say which journal entry they include:
 * `records-<time>-j<journal seq>-<reason>.sqlite`.
 */
export const BACKUP_KEEP_DAYS = 7;
const NAME_RE = /^records-(\d{8}T\d{6}Z)-j(\d+)-([a-z0-9-]+)\.sqlite$/;

export interface BackupFile {
  file: string;
  takenAt: string;
  journalSeq: number;
  reason: string;
}

const stampToIso = (s: string): string => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;

export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME_RE.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ file: path.join(dir, name), takenAt: stampToIso(m[1] ?? ''), journalSeq: Number(m[2]), reason: m[3] ?? '' }))
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.journalSeq - b.journalSeq);
}

export function journalSeqOf(db: DatabaseSync | ReadableDb): number {
  const row = db.prepare("SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** Does the records_meta table exist yet (databases before migration v3 have none)? */
export function hasRecordsTables(db: DatabaseSync | ReadableDb): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'records_meta'").get() !== undefined;
}

/** Where a backup taken now goes, named by the journal entry the database has reached (read before the copy). */
function backupTarget(db: DatabaseSync, dir: string, now: Date, reason: string): BackupFile & { tmp: string } {
  privateDir(dir);
  // Read before the copy starts: the name never claims more than the copy holds (a replay of an
  // entry the copy already has changes nothing).
  const seq = hasRecordsTables(db) ? journalSeqOf(db) : 0;
  const file = path.join(dir, `records-${fileStamp(now)}-j${seq}-${reason}.sqlite`);
  const tmp = `${file}.partial`;
  if (existsSync(tmp)) unlinkSync(tmp);
  privateFile(tmp); // empty and 0600: VACUUM INTO fills it and keeps its mode
  return { file, tmp, takenAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000', ''), journalSeq: seq, reason };
}

function publish(target: BackupFile & { tmp: string }, dir: string): BackupFile {
  renameSync(target.tmp, target.file); // a half-written backup never carries a backup's name
  fsyncDir(dir);
  const { tmp: _tmp, ...backup } = target;
  return backup;
}

export function takeBackup(db: DatabaseSync, dir: string, now: Date, reason: string): BackupFile {
  const target = backupTarget(db, dir, now, reason);
  db.prepare('VACUUM INTO ?').run(target.tmp);
  return publish(target, dir);
}

/** The same backup, copied by a worker's own read-only connection so main's thread is not held (the daily round). */
export async function takeBackupOffMain(db: DatabaseSync, databaseFile: string, dir: string, now: Date, reason: string): Promise<BackupFile> {
  const target = backupTarget(db, dir, now, reason);
  await vacuumIntoOffMain(databaseFile, target.tmp);
  return publish(target, dir);
}

/** Deletes backups older than the rotation window; always keeps the newest. Returns what it removed. */
export function rotateBackups(dir: string, now: Date, keepDays = BACKUP_KEEP_DAYS): string[] {
  const all = listBackups(dir);
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const removed: string[] = [];
  for (const b of all.slice(0, -1)) {
    if (Date.parse(b.takenAt) < cutoff) {
      unlinkSync(b.file);
      removed.push(b.file);
    }
  }
  // Leftovers of a backup interrupted by a crash.
  if (existsSync(dir)) for (const name of readdirSync(dir)) if (name.endsWith('.partial')) unlinkSync(path.join(dir, name));
  return removed;
}

/**
 * Deletes quarantined databases (quarantine/<time>/) older than the rotation window, as backups
 * rotate: they hold the same personal data, including people erased since. Returns what it removed.
 */
export function rotateQuarantine(dir: string, now: Date, keepDays = BACKUP_KEEP_DAYS): string[] {
  if (!existsSync(dir)) return [];
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const removed: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    // The folder's name is its time (files.ts fileStamp: 20261127T100000Z).
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(e.name);
    if (!e.isDirectory() || !m) continue;
    if (Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) < cutoff) {
      rmSync(path.join(dir, e.name), { recursive: true, force: true });
      removed.push(path.join(dir, e.name));
    }
  }
  return removed;
}

/** Opens a backup read-only and runs integrity_check; true only when it says "ok". */
export function backupIsGood(file: string): boolean {
  try {
    if (statSync(file).size === 0) return false;
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
      return rows.length === 1 && rows[0]?.integrity_check === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
