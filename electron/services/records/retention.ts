import { turn, type JournalLine } from '../storage';
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
  if (retentionCandidates(store.db, cutoffYear, 1).length === 0) return 0;
  const before = pupilCount(store);
  const r = store.write({ k: 'retention', at: now.toISOString(), cutoffYear });
  const removed = before - pupilCount(store);
  if (r.applied) store.audit('system', 'retention.pupils-aggregated', { cutoffYear, pupilRecordsRemoved: removed });
  return removed;
}

/**
 * Pupils folded per journalled step when the daily round runs in the background: a step of 100 held
 * main 20 ms of CPU plus its two fsyncs (140 ms and more on a loaded machine); 25 keep it short.
 */
export const RETENTION_STEP = 25;

/**
 * The same fold in steps of RETENTION_STEP pupils, one journalled entry each, yielding to the event
 * loop between them (issue 19 item 4: the app's daily round never holds main for long). `mark`
 * names the piece about to run (RecordsService.runMaintenanceOffMain).
 */
export async function runRetentionInSteps(store: RecordsStore, now: Date, mark: (piece: string) => void = () => {}): Promise<number> {
  const cutoffYear = retentionCutoffYear(now);
  mark('fold: who is past retention');
  if (retentionCandidates(store.db, cutoffYear, 1).length === 0) return 0;
  let removed = 0;
  for (;;) {
    await turn();
    mark('fold: a step');
    const before = pupilCount(store);
    store.write({ k: 'retention', at: now.toISOString(), cutoffYear, limit: RETENTION_STEP });
    const folded = before - pupilCount(store);
    removed += folded;
    // A short step was the last; a full one may have left more.
    if (folded < RETENTION_STEP) break;
    await turn();
    mark('fold: who is past retention');
    if (retentionCandidates(store.db, cutoffYear, 1).length === 0) break;
  }
  await turn();
  mark('fold: audit');
  store.audit('system', 'retention.pupils-aggregated', { cutoffYear, pupilRecordsRemoved: removed });
  return removed;
}

const pupilCount = (store: RecordsStore): number => (store.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n;

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
