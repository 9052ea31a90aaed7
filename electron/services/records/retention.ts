import type { JournalLine } from '../storage';
import { academicYear, retentionCandidates, type Entry } from './entries';
import type { RecordsStore } from './store';

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
 * Pupils' answers are kept only while a lesson is in progress: once a lesson has finished, its
 * earlier commits lose their cmi when the journal is compacted (replaying them still rebuilds the
 * attempt).
 */
export function scrubFinishedPupils(lines: JournalLine[]): { entries: JournalLine[]; scrubbed: number } {
  const entries = lines as Entry[];
  const finishedPupil = new Set(entries.flatMap((e) => (e.k === 'attempt.commit' && e.pupil !== null ? [e.attemptId] : [])));
  let scrubbed = 0;
  const kept = entries.map((e): Entry => {
    if (e.k !== 'attempt.commit' || e.cmi === null || !finishedPupil.has(e.attemptId)) return e;
    scrubbed++;
    return { ...e, cmi: null };
  });
  return { entries: kept, scrubbed };
}
