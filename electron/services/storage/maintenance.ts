import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_KEEP_DAYS, listBackups, rotateBackups, takeBackup } from './backup';
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
 */
export function maintainStorage(opened: OpenedRecords, now: Date, events: StartupEvent[], scrub?: ScrubEntries): boolean {
  if (statSync(opened.files.database).size > opened.fullCheckMaxBytes) {
    const integrity = integrityOf(opened.db);
    if (integrity !== 'ok') {
      writeFileSync(path.join(opened.files.dataDir, CHECK_FAILED_MARKER), `${now.toISOString()} ${integrity}\n`);
      events.push({ at: now.toISOString(), level: 'error', message: `The daily integrity check found damage (${integrity}). Close and reopen the app: it will restore the records from the last good backup and the journal.` });
      return false;
    }
  }
  const dir = opened.files.backups;
  const newest = listBackups(dir).at(-1);
  if (!newest || now.getTime() - Date.parse(newest.takenAt) >= BACKUP_EVERY_MS) {
    const b = takeBackup(opened.db, dir, now, 'daily');
    events.push({ at: now.toISOString(), level: 'info', message: `Daily backup taken: ${path.basename(b.file)}.` });
  }
  const removed = rotateBackups(dir, now, BACKUP_KEEP_DAYS);
  if (removed.length) events.push({ at: now.toISOString(), level: 'info', message: `${removed.length} backup(s) older than ${BACKUP_KEEP_DAYS} days removed.` });
  compactJournal(opened, scrub);
  opened.db.exec('PRAGMA optimize'); // keeps the query planner's statistics fresh as the records grow
  return true;
}
