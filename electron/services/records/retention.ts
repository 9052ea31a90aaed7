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
  return scrubAnswers(entries, finishedPupil);
}

/** The answers (cmi, and main's timeline of them) gone from the commits of these attempts. */
function scrubAnswers(entries: Entry[], attemptIds: ReadonlySet<string>): { entries: Entry[]; scrubbed: number } {
  let scrubbed = 0;
  const kept = entries.map((e): Entry => {
    if (e.k !== 'attempt.commit' || !attemptIds.has(e.attemptId) || (e.cmi === null && !e.timeline)) return e;
    scrubbed++;
    return { ...e, cmi: null, timeline: null };
  });
  return { entries: kept, scrubbed };
}

/**
 * A pupil's lesson has just ended: its earlier commits' answers leave the journal now, not at the
 * next daily round (issue 11 item 7). Replaying what is left still rebuilds the attempt and the
 * class counts (the finish entry carries the outcomes).
 */
export function scrubPupilLesson(store: RecordsStore, attemptId: string): number {
  try {
    const read = store.opened.journal.read<Entry>();
    // A damaged line would be lost by a rewrite: the daily round's compaction deals with the journal then.
    if (read.damaged > 0) return 0;
    const { entries, scrubbed } = scrubAnswers(read.entries, new Set([attemptId]));
    if (scrubbed > 0) store.opened.journal.rewrite(entries);
    return scrubbed;
  } catch {
    return 0; // the lesson is recorded; the daily round scrubs the answers instead
  }
}
