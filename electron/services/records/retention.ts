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
  if (retentionCandidates(store.reader, cutoffYear, 1).length === 0) return 0;
  const before = pupilCount(store);
  const r = store.write({ k: 'retention', at: now.toISOString(), cutoffYear });
  const removed = before - pupilCount(store);
  if (r.applied) store.audit('system', 'retention.pupils-aggregated', { cutoffYear, pupilRecordsRemoved: removed });
  return removed;
}

/**
 * Pupils in the fold's first journalled step when the daily round runs in the background. Later
 * steps are sized from the CPU time the last one took (RETENTION_STEP_CPU_MS), between
 * RETENTION_STEP_MIN and RETENTION_STEP_MAX: the work per pupil differs from one PC to another, and
 * a fixed small step pays its two fsyncs (the journal line, the WAL at COMMIT) once per 25 pupils.
 */
export const RETENTION_STEP = 25;
export const RETENTION_STEP_MIN = 10;
export const RETENTION_STEP_MAX = 400;
/** CPU time a step aims at; with its two fsyncs it stays well under the 50 ms budget on a quiet PC. */
const RETENTION_STEP_CPU_MS = 15;

/** The next step's size from the last one's: as many pupils as fit in the CPU time aimed at. */
export function nextRetentionStep(limit: number, cpuMs: number): number {
  const scaled = Math.round((limit * RETENTION_STEP_CPU_MS) / Math.max(cpuMs, 0.5));
  // At most double at a time, so one fast step on an empty cache does not make the next too long.
  return Math.min(RETENTION_STEP_MAX, limit * 2, Math.max(RETENTION_STEP_MIN, scaled));
}

/**
 * The same fold in steps, one journalled entry each (its size in the entry, so a replay folds the
 * same pupils), yielding to the event loop between them (issue 19 item 4: the app's daily round
 * never holds main for long). `mark` names the piece about to run (RecordsService.runMaintenanceOffMain).
 */
export async function runRetentionInSteps(store: RecordsStore, now: Date, mark: (piece: string) => void = () => {}): Promise<number> {
  const cutoffYear = retentionCutoffYear(now);
  mark('fold: who is past retention');
  if (retentionCandidates(store.reader, cutoffYear, 1).length === 0) return 0;
  let removed = 0;
  let limit = RETENTION_STEP;
  for (;;) {
    await turn();
    mark('fold: a step');
    const cpu = process.cpuUsage();
    const before = pupilCount(store);
    store.write({ k: 'retention', at: now.toISOString(), cutoffYear, limit });
    const folded = before - pupilCount(store);
    const used = process.cpuUsage(cpu);
    removed += folded;
    // The step's pages copied into the database now, a piece of its own, so a later step's
    // COMMIT never meets SQLite's checkpoint fallback (storage/checkpoint.ts).
    await turn();
    mark('fold: checkpoint');
    store.checkpointNow();
    // A short step was the last; a full one may have left more.
    if (folded < limit) break;
    limit = nextRetentionStep(limit, (used.user + used.system) / 1000);
    await turn();
    mark('fold: who is past retention');
    if (retentionCandidates(store.reader, cutoffYear, 1).length === 0) break;
  }
  await turn();
  mark('fold: audit');
  store.audit('system', 'retention.pupils-aggregated', { cutoffYear, pupilRecordsRemoved: removed });
  return removed;
}

const pupilCount = (store: RecordsStore): number => (store.reader.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n;

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
    const read = store.journal.read<Entry>();
    // A damaged line would be lost by a rewrite: the daily round's compaction deals with the journal then.
    if (read.damaged > 0) return 0;
    const { entries, scrubbed } = scrubAnswers(read.entries, new Set([attemptId]));
    if (scrubbed > 0) store.journal.rewrite(entries);
    return scrubbed;
  } catch {
    return 0; // the lesson is recorded; the daily round scrubs the answers instead
  }
}
