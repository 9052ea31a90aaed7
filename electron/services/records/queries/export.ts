import type { ReadableDb } from '@services/storage';

/** One staff attempt as HR exports read it. Pupil records never appear here. */
export interface ExportAttemptRow {
  attempt_id: string;
  learner_id: string;
  name: string;
  work_email: string | null;
  staff_id: string | null;
  school: string;
  role: string;
  course_id: string;
  module_id: string;
  content_version: string;
  policy_version_label: string;
  scorm_version: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  status: string;
  score_percent: number | null;
  correct: number;
  total: number;
  sections_to_review: string;
  item_results: string | null;
  flags: string;
  /** The acknowledgement recorded against this attempt, if any. */
  acknowledged_at: string | null;
  acknowledged_version: string | null;
}

export interface ExportFilter {
  /** Only attempts updated at or after this ISO time. */
  since?: string;
  /** Only finished attempts (passed, failed, completed). */
  finishedOnly?: boolean;
  courseId?: string;
  school?: string;
}

/**
 * Staff attempts in a stable order (start time, id), streamed one row at a time with
 * StatementSync.iterate() so an export of 100,000 attempts never holds them all in memory.
 * CROSS JOIN keeps attempts as the outer loop, read in order off attempts_by_start (migration v5),
 * so the first row comes at once instead of after a sort of every row.
 * The cmi is left out: exports that need it call `attemptCmi`.
 */
export function* attemptsForExport(db: ReadableDb, filter: ExportFilter = {}): Generator<ExportAttemptRow> {
  const where = ["l.kind = 'staff'"];
  const params: string[] = [];
  if (filter.since) {
    where.push('a.updated_at >= ?');
    params.push(filter.since);
  }
  if (filter.finishedOnly) where.push('a.finished_at IS NOT NULL');
  if (filter.courseId) {
    where.push('a.course_id = ?');
    params.push(filter.courseId);
  }
  if (filter.school) {
    where.push('l.school = ?');
    params.push(filter.school);
  }
  const stmt = db.prepare(`
    SELECT a.id AS attempt_id, a.learner_id, l.name, l.work_email, l.staff_id, l.school, l.role,
           a.course_id, a.module_id, a.content_version, a.policy_version_label, a.scorm_version,
           a.started_at, a.updated_at, a.finished_at, a.status, a.score_percent, a.correct, a.total,
           a.sections_to_review, a.item_results, a.flags,
           k.acknowledged_at, k.policy_version_label AS acknowledged_version
    FROM attempts a
    CROSS JOIN learners l ON l.id = a.learner_id
    LEFT JOIN acknowledgements k ON k.attempt_id = a.id
    WHERE ${where.join(' AND ')}
    ORDER BY a.started_at, a.id`);
  for (const row of stmt.iterate(...params)) yield row as unknown as ExportAttemptRow;
}

/** The latest cmi of one staff attempt (SCORM data exports); null for pupils and unknown ids. */
export function attemptCmi(db: ReadableDb, attemptId: string): { version: string; data: Record<string, string> } | null {
  const row = db
    .prepare("SELECT a.cmi FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE a.id = ? AND l.kind = 'staff'")
    .get(attemptId) as { cmi: string | null } | undefined;
  return row?.cmi ? (JSON.parse(row.cmi) as { version: string; data: Record<string, string> }) : null;
}
