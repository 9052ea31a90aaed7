import { closeSync, fsyncSync, openSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { fsyncOffMain, type FsyncWait } from './fsync-off-main';
import { appendLine, closeJournalFile, cutLinesBack, linesEnd, openEmptyJournalFile, openJournalFile } from './journal-file';

/**
 * The one seam for the records' own durable I/O: the journal's appends and fsyncs (its folder's too), and the
 * transaction's COMMIT (where SQLite, with WAL and synchronous=FULL, fsyncs the WAL). Production
 * uses `nodeRecordsIo`; the power-cut test (tests/services/records/power-cut.test.ts) passes one
 * that records every write, fsync and commit in order, so it can rebuild what a power cut at any
 * moment would leave on disk. SQLite's page I/O stays inside SQLite: the test models its states.
 */
export interface RecordsIo {
  /** Opens `file` for appending (created if missing). */
  openAppend(file: string): number;
  /** Opens `file` for writing from empty (a journal rewrite's temporary file). */
  openTruncate(file: string): number;
  /** Writes all of `data` at the end of the file. */
  append(fd: number, data: Buffer): void;
  fsync(fd: number): void;
  /**
   * Starts fsync(fd) and returns the wait for it (which throws if it failed), so main can go on
   * meanwhile (fsync-off-main.ts). Without it the journal fsyncs at the wait, with `fsync`.
   */
  fsyncBegin?(fd: number): FsyncWait;
  /** A journal line is about to be written and flushed: get ready to start its fsync at once (a hint only). */
  fsyncSoon?(): void;
  /** Cuts the file back to `size` bytes and fsyncs it (a line whose change was refused). Without it the line stays. */
  truncate?(fd: number, size: number): void;
  /** Where the file's lines end, when that is not its size (journal-file.ts: zeros laid out past them). */
  endOf?(fd: number): number;
  /** Makes the folder's entries durable: a file created or renamed into it survives a power cut only after this. */
  syncDir(dir: string): void;
  close(fd: number): void;
  /** Ends the store's transaction: when this returns, SQLite has the transaction on disk. */
  commit(db: DatabaseSync): void;
}

/** The app's: the journal laid out ahead of its lines (journal-file.ts), its line flushes off main. */
export const nodeRecordsIo: RecordsIo = {
  // 0600: the journal holds the same personal data as the database (private-files.ts).
  openAppend: (file) => openJournalFile(file, 0o600),
  openTruncate: (file) => openEmptyJournalFile(file, 0o600),
  append: (fd, data) => appendLine(fd, data),
  fsync: (fd) => fsyncSync(fd),
  fsyncBegin: (fd) => fsyncOffMain.begin(fd),
  fsyncSoon: () => fsyncOffMain.expect(),
  truncate: (fd, size) => cutLinesBack(fd, size),
  endOf: (fd) => linesEnd(fd),
  syncDir: (dir) => fsyncDir(dir),
  close: (fd) => closeJournalFile(fd),
  commit: (db) => db.exec('COMMIT'),
};

/** A rename or a new file is durable only once its directory is synced (not possible on Windows). */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some file systems refuse to sync a directory; the data itself is already synced
  }
}
