import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_KEEP_DAYS, listBackups, rotateBackups, takeBackup } from './backup';
import { academicYear, retentionCandidates, type Entry } from '../records/entries';
import { CHECK_FAILED_MARKER, integrityOf, type StartupEvent } from './recovery';
import type { RecordsStore } from '../records/store';

export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;

/** The academic year whose start is the retention cutoff: records before it are folded away. */
export function retentionCutoffYear(now: Date): string {
  const current = academicYear(now);
  const start = Number(current.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Pupil records are kept for the current academic year plus one: on 1 September 2026 the records
 * of 2024-25 (and earlier) are folded into per-class completion counts and deleted.
 */
export function runRetention(store: RecordsStore, now: Date): number {
  const cutoffYear = retentionCutoffYear(now);
  if (retentionCandidates(store.db, cutoffYear).length === 0) return 0;
  const before = (store.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n;
  const r = store.write({ k: 'retention', at: now.toISOString(), cutoffYear });
  const after = (store.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n;
  if (r.applied) store.audit('system', 'retention.pupils-aggregated', { cutoffYear, pupilRecordsRemoved: before - after });
  return before - after;
}

/**
 * Drops journal entries every kept backup already holds: recovery restores a backup and replays
 * only what came after it, so older entries would never be read again. Runs without a backup too
 * (nothing dropped then), to clear finished pupils' answers.
 */
export function compactJournal(store: RecordsStore): number {
  const oldest = listBackups(store.opened.files.backups)[0] ?? { journalSeq: 0 };
  const read = store.opened.journal.read<Entry>();
  // Pupils' answers are kept only while a lesson is in progress: once a lesson has finished, its
  // earlier commits lose their cmi here too (replaying them still rebuilds the attempt).
  const finishedPupil = new Set(read.entries.flatMap((e) => (e.k === 'attempt.commit' && e.pupil !== null ? [e.attemptId] : [])));
  let scrubbed = 0;
  const keep = read.entries
    .filter((e) => e.j > oldest.journalSeq)
    .map((e): Entry => {
      if (e.k !== 'attempt.commit' || e.cmi === null || !finishedPupil.has(e.attemptId)) return e;
      scrubbed++;
      return { ...e, cmi: null };
    });
  const dropped = read.entries.length - keep.length;
  if (dropped > 0 || scrubbed > 0 || read.damaged > 0) store.opened.journal.rewrite(keep);
  return dropped;
}

/**
 * The daily round: a backup when the newest is a day old, rotation of backups older than
 * BACKUP_KEEP_DAYS, journal compaction, and pupil retention. Safe to call often.
 */
export function maintain(store: RecordsStore, now: Date, events: StartupEvent[]): void {
  // A large database had only quick_check at start: the full check runs here, before the backup,
  // so a damaged database is never copied over the good backups.
  if (statSync(store.opened.files.database).size > store.opened.fullCheckMaxBytes) {
    const integrity = integrityOf(store.db);
    if (integrity !== 'ok') {
      writeFileSync(path.join(store.opened.files.dataDir, CHECK_FAILED_MARKER), `${now.toISOString()} ${integrity}\n`);
      events.push({ at: now.toISOString(), level: 'error', message: `The daily integrity check found damage (${integrity}). Close and reopen the app: it will restore the records from the last good backup and the journal.` });
      return;
    }
  }
  const dir = store.opened.files.backups;
  const newest = listBackups(dir).at(-1);
  if (!newest || now.getTime() - Date.parse(newest.takenAt) >= BACKUP_EVERY_MS) {
    const b = takeBackup(store.db, dir, now, 'daily');
    events.push({ at: now.toISOString(), level: 'info', message: `Daily backup taken: ${path.basename(b.file)}.` });
  }
  const removed = rotateBackups(dir, now, BACKUP_KEEP_DAYS);
  if (removed.length) events.push({ at: now.toISOString(), level: 'info', message: `${removed.length} backup(s) older than ${BACKUP_KEEP_DAYS} days removed.` });
  compactJournal(store);
  store.db.exec('PRAGMA optimize'); // keeps the query planner's statistics fresh as the records grow
  const aggregated = runRetention(store, now);
  if (aggregated) events.push({ at: now.toISOString(), level: 'info', message: `${aggregated} pupil record(s) past the retention period were folded into class counts and deleted.` });
}
