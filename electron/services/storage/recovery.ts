import { copyFileSync, existsSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { ReadableDb } from './handles';
import { openDatabase } from './database';
import { IdleCheckpoint } from './checkpoint';
import { migrate } from './migrations';
import { backupIsGood, hasRecordsTables, journalSeqOf, listBackups, takeBackup, type BackupFile } from './backup';
import { fileStamp, recordFiles, SQLITE_SIDE_FILES, type RecordFiles } from './files';
import { fsyncDir, Journal, missingFromJournal, readJournal, type JournalLine, type JournalRead } from './journal';
import { DataDirLock } from './lock';
import { nodeRecordsIo, type RecordsIo } from './file-io';
import { asWritable, type WritableDb } from './handles';
import { privateDir, restrict, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

export type Level = 'info' | 'warning' | 'error';
export interface StartupEvent {
  at: string;
  level: Level;
  message: string;
}

export interface RecoveryReport {
  quarantinedAs: string;
  restoredFrom: string | null;
  journalEntriesReplayed: number;
  mayBeMissing: string;
}

/** What the domain does with one journal entry (records/entries.ts applyEntry): idempotent. */
export type ApplyEntry<E extends JournalLine> = (db: WritableDb, entry: E) => { applied: boolean };

export interface OpenedRecords {
  files: RecordFiles;
  /** The one writable connection: the records store holds it (and nothing else is given it). */
  db: WritableDb;
  journal: Journal;
  lock: DataDirLock;
  integrity: string;
  events: StartupEvent[];
  recovery: RecoveryReport | null;
  /** Above this database size, start-up runs quick_check and the daily round the full check. */
  fullCheckMaxBytes: number;
  /** The journal's and the COMMIT's I/O (file-io.ts). */
  io: RecordsIo;
  /** Copies the WAL into the database when writes pause, not in a learner's commit (checkpoint.ts). */
  checkpoint: IdleCheckpoint;
}

export interface OpenRecordsOptions<E extends JournalLine> {
  now: () => Date;
  /** Applies one journal entry to the tables: recovery and start-up replay call it. */
  apply: ApplyEntry<E>;
  /** Who holds the lock (shown to a second process that is refused): "app", "demo", "records verify". */
  purpose: string;
  /** Default FULL_CHECK_AT_START_MAX_BYTES (tests lower it). */
  fullCheckMaxBytes?: number;
  /** Default nodeRecordsIo; the power-cut test records through its own. */
  io?: RecordsIo;
}

/**
 * Up to this size the start-up runs the full integrity_check (about half a second). Above it (years
 * of records: 100,000 attempts is about 200 MB and 5 s) the start-up runs quick_check, which still
 * reads every page and catches damaged, truncated and flipped pages, and the full check runs in the
 * daily round; if that fails, a marker makes the next start run the full check and recover.
 */
export const FULL_CHECK_AT_START_MAX_BYTES = 64 * 1024 * 1024;
export const CHECK_FAILED_MARKER = 'records.check-failed';

/** integrity_check's (or quick_check's) verdict, or the error that stopped it; "ok" only for a sound database. */
export function integrityOf(db: DatabaseSync | ReadableDb, quick = false): string {
  const pragma = quick ? 'quick_check' : 'integrity_check';
  try {
    const rows = db.prepare(`PRAGMA ${pragma}`).all() as Record<string, string>[];
    return rows.map((r) => r[pragma]).join('; ') || 'no answer';
  } catch (err) {
    return (err as Error).message;
  }
}

function tryOpen(file: string, quick: boolean): { db: DatabaseSync | null; problem: string | null } {
  let db: DatabaseSync | null = null;
  try {
    db = openDatabase(file, { migrate: false });
    const integrity = integrityOf(db, quick);
    if (integrity !== 'ok') throw new Error(integrity);
    return { db, problem: null };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // a damaged file may refuse even to close cleanly
    }
    return { db: null, problem: (err as Error).message };
  }
}

/**
 * Applies journal entries newer than the database (all in one transaction, each in a savepoint so
 * one bad entry cannot undo the others). Returns how many changed something.
 */
export function replayJournal<E extends JournalLine>(db: DatabaseSync, read: JournalRead<E>, after: number, events: StartupEvent[], at: string, apply: ApplyEntry<E>): number {
  const pending = read.entries.filter((e) => e.j > after).sort((a, b) => a.j - b.j);
  if (pending.length === 0) return 0;
  let applied = 0;
  let last = after;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const e of pending) {
      db.exec('SAVEPOINT entry');
      try {
        if (apply(asWritable(db), e).applied) applied++;
        db.exec('RELEASE entry');
      } catch (err) {
        db.exec('ROLLBACK TO entry');
        db.exec('RELEASE entry');
        events.push({ at, level: 'warning', message: `Journal entry ${e.j} (${e.k}) could not be applied: ${(err as Error).message}` });
      }
      last = Math.max(last, e.j);
    }
    db.prepare("UPDATE records_meta SET value = ? WHERE key = 'journal_seq'").run(String(last));
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  return applied;
}

/** Journal numbers after `from` that the journal should hold but does not (damaged or lost lines). */
export function journalGaps(read: JournalRead<JournalLine>, from: number): number {
  const js = new Set(read.entries.map((e) => e.j));
  const after = [...js].filter((j) => j > from);
  if (after.length === 0) return 0;
  // Entries before the journal's first were compacted away (every kept backup held them), and a
  // journal that begins after `from` is reported by the caller: count from whichever comes later,
  // so a damaged line right after `from` is counted too.
  const start = Math.max(from + 1, Math.min(...js));
  return Math.max(...after) - start + 1 - after.length;
}

/** A data folder written by an older version (or under a loose umask): its records made private (private-files.ts). */
function narrowDataFolder(files: RecordFiles): void {
  restrict(files.dataDir, PRIVATE_DIR_MODE);
  for (const f of [files.journal, files.lock]) restrict(f, PRIVATE_FILE_MODE);
  for (const dir of [files.backups, files.quarantine]) {
    if (!existsSync(dir)) continue;
    restrict(dir, PRIVATE_DIR_MODE);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const inside = path.join(dir, e.name);
      if (e.isFile()) restrict(inside, PRIVATE_FILE_MODE);
      if (e.isDirectory()) {
        restrict(inside, PRIVATE_DIR_MODE);
        for (const f of readdirSync(inside)) restrict(path.join(inside, f), PRIVATE_FILE_MODE);
      }
    }
  }
}

function quarantine(files: RecordFiles, now: Date): string {
  const dir = path.join(files.quarantine, fileStamp(now));
  privateDir(files.quarantine);
  privateDir(dir);
  for (const suffix of ['', ...SQLITE_SIDE_FILES]) {
    const f = files.database + suffix;
    if (existsSync(f)) renameSync(f, path.join(dir, path.basename(f)));
  }
  fsyncDir(files.dataDir);
  return dir;
}

/**
 * Start-up of the records store: lock the folder, check the database, recover it if needed,
 * migrate (with a backup first), and apply any journal entries the database lacks (a crash between
 * the journal's fsync and the transaction's commit).
 */
export function openRecords<E extends JournalLine>(dataDir: string, options: OpenRecordsOptions<E>): OpenedRecords {
  const files = recordFiles(dataDir);
  const now = options.now;
  const fullCheckMaxBytes = options.fullCheckMaxBytes ?? FULL_CHECK_AT_START_MAX_BYTES;
  const lock = DataDirLock.acquire(files.lock, options.purpose, now());
  narrowDataFolder(files);
  const events: StartupEvent[] = [];
  const note = (level: Level, message: string): void => void events.push({ at: now().toISOString(), level, message });
  try {
    const read = readJournal<E>(files.journal);
    const backups = listBackups(files.backups);
    const newestBackupSeq = backups.reduce((m, b) => Math.max(m, b.journalSeq), 0);
    let problem: string | null = null;
    let db: DatabaseSync | null = null;

    if (existsSync(files.database)) {
      const marker = path.join(files.dataDir, CHECK_FAILED_MARKER);
      const quick = statSync(files.database).size > fullCheckMaxBytes && !existsSync(marker);
      const opened = tryOpen(files.database, quick);
      if (quick) note('info', 'The records are large, so the start-up ran quick_check; the full integrity_check runs in the daily round.');
      db = opened.db;
      problem = opened.problem;
      if (db && hasRecordsTables(db)) {
        const seq = journalSeqOf(db);
        const firstJ = read.entries.reduce((m, e) => Math.min(m, e.j), Infinity);
        if (seq < newestBackupSeq) problem = `the database is older than its own backup (journal entry ${seq} < ${newestBackupSeq}); it was replaced or cut short`;
        else if (firstJ !== Infinity && firstJ > seq + 1) problem = `the database stops at journal entry ${seq} but the journal resumes at ${firstJ}`;
      } else if (db && (read.entries.length > 0 || newestBackupSeq > 0)) {
        problem = 'the database holds no records tables although the journal and backups do (it was emptied or cut short)';
      }
      if (problem && db) {
        db.close();
        db = null;
      }
    } else if (read.entries.length > 0 || backups.length > 0) {
      problem = 'the database file is missing';
    }

    let recovery: RecoveryReport | null = null;
    if (problem) {
      note('warning', `The records database failed its check at start-up: ${problem}.`);
      const quarantinedAs = existsSync(files.database) ? quarantine(files, now()) : '(no file)';
      let restored: BackupFile | null = null;
      for (const b of [...backups].reverse()) {
        if (backupIsGood(b.file)) {
          restored = b;
          break;
        }
        note('warning', `Backup ${path.basename(b.file)} is damaged too; trying an older one.`);
      }
      if (restored) {
        copyFileSync(restored.file, files.database);
        restrict(files.database, PRIVATE_FILE_MODE);
      }
      db = openDatabase(files.database, { migrate: false });
      migrate(db);
      const base = journalSeqOf(db);
      const firstJ = read.entries.reduce((m, e) => Math.min(m, e.j), Infinity);
      const replayed = replayJournal(db, read, base, events, now().toISOString(), options.apply);
      const gaps = journalGaps(read, base);
      const missing: string[] = [];
      if (firstJ !== Infinity && firstJ > base + 1) missing.push(`changes ${base + 1} to ${firstJ - 1} were in neither a readable backup nor the journal`);
      if (gaps > 0) missing.push(`${gaps} journal entr${gaps === 1 ? 'y is' : 'ies are'} unreadable`);
      if (!restored && base === 0 && firstJ > 1 && firstJ !== Infinity) missing.push('no readable backup was found');
      const mayBeMissing =
        missing.length === 0
          ? 'Nothing: every change the app acknowledged was in the backup or the journal.'
          : `Some records may be missing: ${missing.join('; ')}. The damaged file is kept in ${quarantinedAs}.`;
      recovery = { quarantinedAs, restoredFrom: restored ? restored.file : null, journalEntriesReplayed: replayed, mayBeMissing };
      note(
        missing.length ? 'error' : 'warning',
        `The damaged database was moved to ${quarantinedAs}; ${restored ? `backup ${path.basename(restored.file)} was restored` : 'no backup was usable, so the records were rebuilt from the journal alone'} and ${replayed} journal entr${replayed === 1 ? 'y was' : 'ies were'} replayed. ${mayBeMissing}`,
      );
      if (quarantinedAs !== '(no file)') writeFileSync(path.join(quarantinedAs, 'what-happened.json'), JSON.stringify({ problem, ...recovery, events }, null, 2), { mode: PRIVATE_FILE_MODE });
    } else {
      db ??= openDatabase(files.database, { migrate: false });
      migrate(db, (from, to) => {
        if (from === 0) return; // a new, empty database has nothing to back up
        const b = takeBackup(db as DatabaseSync, files.backups, now(), `pre-migration-v${from}`);
        note('info', `Backed up the records before upgrading them from version ${from} to ${to}: ${path.basename(b.file)}.`);
      });
      const ahead = replayJournal(db, read, journalSeqOf(db), events, now().toISOString(), options.apply);
      if (ahead > 0) note('info', `${ahead} journal entr${ahead === 1 ? 'y' : 'ies'} written just before the app stopped ${ahead === 1 ? 'was' : 'were'} applied.`);
      const lost = missingFromJournal(read, newestBackupSeq, journalSeqOf(db));
      if (lost.count > 0) {
        // The journal was deleted or cut short: a backup now makes a later recovery whole again.
        const b = takeBackup(db, files.backups, now(), 'journal-gap');
        note('warning', `The records journal lacks changes ${lost.first} to ${lost.last} that the database holds (it was deleted, emptied or cut short); a backup was taken so a recovery would not lose them: ${path.basename(b.file)}.`);
      }
    }
    if (read.damaged > 0 && !read.tornTailOnly) note('warning', `${read.damaged} journal line(s) failed their checksum and were skipped.`);
    const integrity = recovery ? integrityOf(db) : 'ok';
    if (existsSync(path.join(files.dataDir, CHECK_FAILED_MARKER))) unlinkSync(path.join(files.dataDir, CHECK_FAILED_MARKER));
    const io = options.io ?? nodeRecordsIo;
    const journal = new Journal(files.journal, io);
    if (read.tornTailOnly) {
      // A line cut short by a crash was never acknowledged; drop it so later appends start clean.
      journal.rewrite(read.entries);
    }
    return { files, db: asWritable(db), journal, lock, integrity, events, recovery, fullCheckMaxBytes, io, checkpoint: new IdleCheckpoint(db) };
  } catch (err) {
    lock.release();
    throw err;
  }
}

export const fileSize = (file: string): number => (existsSync(file) ? statSync(file).size : 0);
