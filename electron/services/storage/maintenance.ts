import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_KEEP_DAYS, listBackups, rotateBackups, takeBackup, takeBackupOffMain, type BackupFile } from './backup';
import { integrityOffMain } from './off-main';
import type { JournalLine } from './journal';
import { CHECK_FAILED_MARKER, integrityOf, type OpenedRecords, type StartupEvent } from './recovery';

export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * What the domain may do to the entries a compaction keeps (records: clear finished pupils'
 * answers); returns the entries to write back and how many it changed.
 */
export type ScrubEntries = (entries: JournalLine[]) => { entries: JournalLine[]; scrubbed: number };

/**
 * Drops journal entries every kept backup already holds: recovery restores a backup and replays
 * only what came after it, so older entries would never be read again. Runs without a backup too
 * (nothing dropped then), so the domain's scrub still applies.
 */
export function compactJournal(opened: OpenedRecords, scrub: ScrubEntries = (entries) => ({ entries, scrubbed: 0 })): number {
  const oldest = listBackups(opened.files.backups)[0] ?? { journalSeq: 0 };
  const read = opened.journal.read();
  const { entries: keep, scrubbed } = scrub(read.entries.filter((e) => e.j > oldest.journalSeq));
  const dropped = read.entries.length - keep.length;
  if (dropped > 0 || scrubbed > 0 || read.damaged > 0) opened.journal.rewrite(keep);
  return dropped;
}

/**
 * The storage half of the daily round: the full integrity check where start-up ran only the quick
 * one, a backup when the newest is a day old, rotation of backups older than BACKUP_KEEP_DAYS,
 * journal compaction and the query planner's statistics. Returns false when the check found
 * damage (then nothing else ran: a damaged database is never copied over the good backups).
 * This one runs on the caller's thread (the records CLI, tests); the app's timer uses
 * maintainStorageOffMain.
 */
export function maintainStorage(opened: OpenedRecords, now: Date, events: StartupEvent[], scrub?: ScrubEntries): boolean {
  if (needsFullCheck(opened) && !checked(opened, now, events, integrityOf(opened.db))) return false;
  if (backupDue(opened, now)) noteBackup(events, now, takeBackup(opened.db, opened.files.backups, now, 'daily'));
  finish(opened, now, events, scrub);
  return true;
}

/**
 * The same round with its two long reads (the integrity check, the backup's VACUUM INTO) in a
 * worker with its own read-only connection, so main keeps answering learners meanwhile (issue 19
 * item 4). Writes made during the copy are in the journal after the backup's journal number.
 */
export async function maintainStorageOffMain(opened: OpenedRecords, now: Date, events: StartupEvent[], scrub?: ScrubEntries): Promise<boolean> {
  if (needsFullCheck(opened) && !checked(opened, now, events, await integrityOffMain(opened.files.database))) return false;
  if (backupDue(opened, now)) noteBackup(events, now, await takeBackupOffMain(opened.db, opened.files.database, opened.files.backups, now, 'daily'));
  finish(opened, now, events, scrub);
  return true;
}

const needsFullCheck = (opened: OpenedRecords): boolean => statSync(opened.files.database).size > opened.fullCheckMaxBytes;

function checked(opened: OpenedRecords, now: Date, events: StartupEvent[], integrity: string): boolean {
  if (integrity === 'ok') return true;
  writeFileSync(path.join(opened.files.dataDir, CHECK_FAILED_MARKER), `${now.toISOString()} ${integrity}\n`);
  events.push({ at: now.toISOString(), level: 'error', message: `The daily integrity check found damage (${integrity}). Close and reopen the app: it will restore the records from the last good backup and the journal.` });
  return false;
}

function backupDue(opened: OpenedRecords, now: Date): boolean {
  const newest = listBackups(opened.files.backups).at(-1);
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= BACKUP_EVERY_MS;
}

const noteBackup = (events: StartupEvent[], now: Date, b: BackupFile): void =>
  void events.push({ at: now.toISOString(), level: 'info', message: `Daily backup taken: ${path.basename(b.file)}.` });

function finish(opened: OpenedRecords, now: Date, events: StartupEvent[], scrub?: ScrubEntries): void {
  const removed = rotateBackups(opened.files.backups, now, BACKUP_KEEP_DAYS);
  if (removed.length) events.push({ at: now.toISOString(), level: 'info', message: `${removed.length} backup(s) older than ${BACKUP_KEEP_DAYS} days removed.` });
  compactJournal(opened, scrub);
  // Keeps the query planner's statistics fresh as the records grow; analysis_limit bounds the
  // rows ANALYZE reads per index, so this stays short at 100,000 attempts.
  opened.db.exec('PRAGMA analysis_limit = 400');
  opened.db.exec('PRAGMA optimize');
}
