import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { openReader, type ReadableDb } from './handles';
import { currentVersion, latestVersion } from './migrations';
import { hasRecordsTables, journalSeqOf, listBackups } from './backup';
import { recordFiles } from './files';
import { missingFromJournal, readJournal, type JournalLine } from './journal';
import { DataDirLock } from './lock';
import { integrityOf } from './recovery';
import { ServiceError } from '@contract/result';

/**
 * `records verify` and `records list`: they never change the records (no recovery, no migration),
 * and take the data folder's lock so they never read a database the app is writing. The connection
 * is opened `readOnly`, so SQLite itself refuses a write (SQLITE_READONLY) and, unlike a writable
 * one, does not checkpoint a WAL a crash left behind into the database when it closes: the folder
 * is examined as found.
 */
export function withReadOnlyStore<T>(dataDir: string, purpose: string, run: (db: ReadableDb) => T): T {
  const files = recordFiles(dataDir);
  if (!existsSync(files.database)) throw new ServiceError('unavailable', `There are no records in ${dataDir} (no ${path.basename(files.database)}).`);
  const lock = DataDirLock.acquire(files.lock, purpose);
  try {
    const created = WAL_SIDE_FILES.filter((side) => !existsSync(files.database + side));
    const db = openReader(files.database);
    try {
      return run(db);
    } finally {
      db.close();
      removeEmptyWalCreated(files.database, created);
    }
  } finally {
    lock.release();
  }
}

const WAL_SIDE_FILES = ['-wal', '-shm'] as const;

/**
 * A read-only connection to a WAL database makes its -wal and -shm files if they are missing, and
 * cannot delete them on close as the last writer does. Those it made (the WAL still empty: nothing
 * was written) are removed, so a verify leaves the folder as it found it.
 */
function removeEmptyWalCreated(database: string, created: readonly string[]): void {
  if (!created.includes('-wal')) return;
  try {
    if (statSync(database + '-wal').size !== 0) return;
  } catch {
    return; // not made after all
  }
  for (const side of created) rmSync(database + side, { force: true });
}

function unreadable(dataDir: string, message: string): VerifyReport {
  const journal = readJournal<JournalLine>(recordFiles(dataDir).journal);
  return {
    ok: false,
    integrity: message,
    learners: 0,
    attempts: 0,
    commits: 0,
    acknowledgements: 0,
    schemaVersion: 0,
    foreignKeyProblems: 0,
    journal: { entries: journal.entries.length, damaged: journal.damaged, tornTail: journal.tornTailOnly, notYetApplied: journal.entries.length },
    problems: [`the database cannot be read (${message}); start the app or run \`npm run records -- recover --data ${dataDir}\` to restore it from its backup and journal`],
  };
}

export interface VerifyReport {
  ok: boolean;
  integrity: string;
  learners: number;
  attempts: number;
  commits: number;
  acknowledgements: number;
  schemaVersion: number;
  foreignKeyProblems: number;
  journal: { entries: number; damaged: number; tornTail: boolean; notYetApplied: number };
  problems: string[];
}

/**
 * The journal must hold every change after the newest backup up to the database's last: a
 * recovery restores that backup and replays the journal. A line the database acknowledged but the
 * journal lacks means the journal was deleted, emptied or cut short, and a recovery now would lose
 * that change. A torn last line the database never committed is what a power cut leaves, and is
 * not a fault.
 */
function journalProblem(file: string, read: ReturnType<typeof readJournal<JournalLine>>, after: number, upTo: number): string | null {
  const missing = missingFromJournal(read, after, upTo);
  if (missing.count === 0) return null;
  const what = `changes ${missing.first} to ${missing.last} (${missing.count} in all) that the database holds`;
  const how = !existsSync(file) ? 'the journal file is missing' : read.entries.length === 0 && read.damaged === 0 ? 'the journal file is empty' : 'the journal was cut short or damaged';
  return `${how}: ${what} are not in the journal, so a recovery from the backups would lose them; keep this database: the app takes a backup at its next start, which covers them again`;
}

export function verify(dataDir: string): VerifyReport {
  try {
    return verifyOpen(dataDir);
  } catch (err) {
    if ((err as { code?: string }).code === 'unavailable') throw err; // locked by the app, or no records
    return unreadable(dataDir, (err as Error).message);
  }
}

function verifyOpen(dataDir: string): VerifyReport {
  const files = recordFiles(dataDir);
  return withReadOnlyStore(dataDir, 'records verify', (db) => {
    const problems: string[] = [];
    const integrity = integrityOf(db);
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    const count = (table: string): number => {
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      } catch {
        return 0;
      }
    };
    let fk = 0;
    try {
      fk = db.prepare('PRAGMA foreign_key_check').all().length;
    } catch (err) {
      problems.push(`foreign_key_check: ${(err as Error).message}`);
    }
    if (fk > 0) problems.push(`${fk} rows refer to records that do not exist`);
    const version = currentVersion(db);
    if (version !== latestVersion()) problems.push(`schema version ${version}; this app expects ${latestVersion()} (start the app to migrate)`);
    const tables = integrity === 'ok' && hasRecordsTables(db);
    const journal = readJournal<JournalLine>(files.journal);
    const seq = tables ? journalSeqOf(db) : 0;
    if (journal.damaged > 0 && !journal.tornTailOnly) problems.push(`${journal.damaged} journal line(s) fail their checksum`);
    const gone = journalProblem(files.journal, journal, listBackups(files.backups).at(-1)?.journalSeq ?? 0, seq);
    if (gone) problems.push(gone);
    return {
      ok: problems.length === 0,
      integrity,
      learners: count('learners'),
      attempts: count('attempts'),
      commits: count('commits'),
      acknowledgements: count('acknowledgements'),
      schemaVersion: version,
      foreignKeyProblems: fk,
      // Entries after the database's last one: a crash came between the journal's fsync and the
      // commit; the app applies them at its next start, so they are not a fault.
      journal: { entries: journal.entries.length, damaged: journal.damaged, tornTail: journal.tornTailOnly, notYetApplied: journal.entries.filter((e) => e.j > seq).length },
      problems,
    };
  });
}
