import type { Module } from '@content/schema';
import type { LessonStatus } from '../scorm/adapter';

/**
 * What the course SCO keeps about each module's latest finished try, in neutral terms. A retake
 * does not replace the record until it reaches its own result, so leaving a retake halfway keeps
 * the failed try (and its score) in the LMS rather than turning it into "incomplete".
 */
export type ModuleRecord =
  | { kind: 'completed' }
  | { kind: 'passed'; percent: number }
  /** Passed, the acknowledgement not given yet: staff completion is pass + acknowledgement. */
  | { kind: 'awaiting-ack'; percent: number }
  | { kind: 'failed'; percent: number };

/** The record a module's run has earned at this status; null while it has none. */
export function recordOf(status: LessonStatus): ModuleRecord | null {
  const r = status.result;
  if (!r) return null;
  if (status.passed === null) return status.completed ? { kind: 'completed' } : null;
  const percent = r.percent ?? 0;
  if (!status.passed) return { kind: 'failed', percent };
  return status.completed ? { kind: 'passed', percent } : { kind: 'awaiting-ack', percent };
}

/** A module is finished when nothing is left to do in it (a fail can still be retaken). */
export const isFinished = (r: ModuleRecord | null | undefined): boolean => r !== null && r !== undefined && r.kind !== 'awaiting-ack';

/** Scored modules decide the course's pass; the rest are lessons. */
export const isGraded = (m: Pick<Module, 'kind'>): boolean => m.kind !== 'lesson';

/** The course SCO's own status, in neutral terms; the session maps it to each version's elements. */
export interface CourseStatus {
  completed: boolean;
  /** null: nothing graded yet (or nothing graded in the course). */
  passed: boolean | null;
  /** 0–100 over the graded modules' latest results, null when there is none. */
  percent: number | null;
  progress: number;
}

/**
 * The course's status from its modules' records. With graded modules (the staff assessment), the
 * course is complete once each is passed and acknowledged, or failed (SCORM's completed + failed:
 * the learner went through it and may retake it); a pass clears the lessons, as in the app. A course
 * of lessons only (pupils) is complete when every lesson is.
 */
export function courseStatus(modules: readonly Module[], records: ReadonlyMap<string, ModuleRecord>): CourseStatus {
  const progress = modules.length === 0 ? 0 : modules.filter((m) => isFinished(records.get(m.id))).length / modules.length;
  const graded = modules.filter(isGraded);
  if (graded.length === 0) {
    const completed = modules.every((m) => records.get(m.id)?.kind === 'completed');
    return { completed, passed: null, percent: null, progress: completed ? 1 : progress };
  }
  const results = graded.map((m) => records.get(m.id)).filter((r): r is Exclude<ModuleRecord, { kind: 'completed' }> => r !== undefined && r.kind !== 'completed');
  const percent = results.length === 0 ? null : Math.round(results.reduce((sum, r) => sum + r.percent, 0) / results.length);
  const passed = results.some((r) => r.kind === 'failed') ? false : results.length === graded.length ? true : null;
  const completed = results.length === graded.length && results.every((r) => r.kind !== 'awaiting-ack');
  return { completed, passed, percent, progress: completed ? 1 : progress };
}

/**
 * Never write a status below what the LMS already holds: a pass stays a pass, a completion stays a
 * completion, whatever this session's saved state says (it may be older than the LMS's record, or
 * unreadable). Ranks compare the statuses of one version's vocabulary.
 */
const RANK: Record<string, number> = {
  '': 0,
  unknown: 0,
  'not attempted': 0,
  browsed: 0,
  incomplete: 1,
  failed: 2,
  completed: 3,
  passed: 3,
};
export const statusRank = (status: string): number => RANK[status] ?? 0;
export const isDowngrade = (held: string, next: string): boolean => statusRank(next) < statusRank(held);
