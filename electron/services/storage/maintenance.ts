import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_KEEP_DAYS, listBackups, rotateBackups, rotateQuarantine, takeBackup, takeBackupOffMain, type BackupFile } from './backup';
import { compactJournalInSteps } from './compact';
import { integrityOffMain } from './off-main';
import type { JournalLine } from './journal';
import { CHECK_FAILED_MARKER, integrityOf, type OpenedRecords, type StartupEvent } from './recovery';

export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
/** Rows ANALYZE reads per index: enough for the planner's choices here, short at 100,000 attempts. */
const ANALYSIS_LIMIT = 400;

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
 * Names the piece of the daily round about to run on main ("compact", "analyze attempts", "fold"…),
 * so a measurement can say which one held the event loop longest (the bench's maintenance group).
 */
export type RoundMark = (piece: string) => void;

/** One turn of the event loop: whatever main was asked meanwhile (a learner's commit) runs now. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same round without holding main for long (issue 19 item 4): its two long reads (the integrity
 * check, the backup's VACUUM INTO) in a worker with its own read-only connection, the journal's
 * compaction read, parsed and written in steps (compact.ts), and the planner's statistics one
 * table at a time, with a turn of the event loop between every piece. Writes made during the copy
 * are in the journal after the backup's journal number.
 */
export async function maintainStorageOffMain(opened: OpenedRecords, now: Date, events: StartupEvent[], scrub?: ScrubEntries, mark: RoundMark = () => {}): Promise<boolean> {
  mark('integrity check');
  if (needsFullCheck(opened) && !checked(opened, now, events, await integrityOffMain(opened.files.database))) return false;
  await turn();
  mark('backup');
  if (backupDue(opened, now)) noteBackup(events, now, await takeBackupOffMain(opened.db, opened.files.database, opened.files.backups, now, 'daily'));
  await turn();
  mark('rotation');
  rotate(opened, now, events);
  mark('compaction');
  await compactJournalInSteps(opened, scrub);
  await analyzeInSteps(opened, mark);
  return true;
}

const needsFullCheck = (opened: OpenedRecords): boolean => statSync(opened.files.database).size > opened.fullCheckMaxBytes;

function checked(opened: OpenedRecords, now: Date, events: StartupEvent[], integrity: string): boolean {
  if (integrity === 'ok') return true;
  writeFileSync(path.join(opened.files.dataDir, CHECK_FAILED_MARKER), `${now.toISOString()} ${integrity}\n`, { mode: 0o600 });
  events.push({ at: now.toISOString(), level: 'error', message: `The daily integrity check found damage (${integrity}). Close and reopen the app: it will restore the records from the last good backup and the journal.` });
  return false;
}

function backupDue(opened: OpenedRecords, now: Date): boolean {
  const newest = listBackups(opened.files.backups).at(-1);
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= BACKUP_EVERY_MS;
}

const noteBackup = (events: StartupEvent[], now: Date, b: BackupFile): void =>
  void events.push({ at: now.toISOString(), level: 'info', message: `Daily backup taken: ${path.basename(b.file)}.` });

function rotate(opened: OpenedRecords, now: Date, events: StartupEvent[]): void {
  const removed = rotateBackups(opened.files.backups, now, BACKUP_KEEP_DAYS);
  if (removed.length) events.push({ at: now.toISOString(), level: 'info', message: `${removed.length} backup(s) older than ${BACKUP_KEEP_DAYS} days removed.` });
  const quarantined = rotateQuarantine(opened.files.quarantine, now, BACKUP_KEEP_DAYS);
  if (quarantined.length) events.push({ at: now.toISOString(), level: 'info', message: `${quarantined.length} quarantined database folder(s) older than ${BACKUP_KEEP_DAYS} days removed.` });
}

function finish(opened: OpenedRecords, now: Date, events: StartupEvent[], scrub?: ScrubEntries): void {
  rotate(opened, now, events);
  compactJournal(opened, scrub);
  // Keeps the query planner's statistics fresh as the records grow.
  opened.db.exec(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`);
  opened.db.exec('PRAGMA optimize');
}

/**
 * What `PRAGMA optimize` would do, in pieces with a turn of the event loop between: its debugging
 * mode (mask bit 0x1) lists the tables whose statistics are stale, and each of their indexes is
 * analysed on its own (at 100,000 attempts the whole list held main 290 ms under load; the attempts
 * table alone is 35-50 ms of CPU, its largest index 16 ms). A table without an index goes whole.
 */
async function analyzeInSteps(opened: OpenedRecords, mark: RoundMark): Promise<void> {
  await turn();
  mark('planner statistics');
  const db = opened.db;
  db.exec(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`);
  const planned = (db.prepare('PRAGMA optimize(0xffff)').all() as Record<string, unknown>[]).map((r) => String(Object.values(r)[0] ?? ''));
  const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
  for (const sql of planned) {
    // Only what optimize itself plans (`ANALYZE "main"."attempts"`), never anything else.
    const table = /^ANALYZE "main"\."([^"]+)"$/.exec(sql)?.[1];
    if (!table) continue;
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name").all(table) as { name: string }[]).map((r) => r.name);
    for (const name of indexes.length ? indexes : [table]) {
      await turn();
      mark(`analyze ${name}`);
      db.exec(`ANALYZE "main".${quote(name)}`);
    }
  }
}
