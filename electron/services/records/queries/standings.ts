import type { ReadableDb } from '@services/storage';
import type { RoleId } from '@content/schema';
import type { AttemptFacts, AttemptStatus } from './facts';

/**
 * The dashboard's reads of the records (its standings, a person's drill-down, the teacher view's
 * completions): read-only SQL over the records tables, plain SELECTs with bound parameters, on the
 * records' read-only connection. Kept here, beside the other reads of attempts (issue 20 item 3).
 */

export interface StaffRow {
  id: string;
  name: string;
  workEmail: string | null;
  staffId: string | null;
  school: string;
  role: RoleId;
  firstSignInAt: string;
  lastSeenAt: string;
}

/** The compliance rules' AttemptFacts with whose attempt it is, so rows go to the rules without a copy. */
export type DecisiveAttemptRow = Omit<AttemptFacts, 'itemResults' | 'sectionsToReview'> & { learnerId: string };

const NO_ITEMS: readonly string[] = [];

export interface StaffAckRow {
  learnerId: string;
  courseId: string;
  attemptId: string;
  policyVersionLabel: string;
  acknowledgedAt: string;
}

export function staffLearners(db: ReadableDb): StaffRow[] {
  return db
    .prepare(
      `SELECT id, name, work_email AS workEmail, staff_id AS staffId, school, role,
              first_sign_in_at AS firstSignInAt, last_seen_at AS lastSeenAt
         FROM learners WHERE kind = 'staff'`,
    )
    .all() as unknown as StaffRow[];
}

/**
 * Per learner and module, only the attempts the compliance rules can tell apart: the latest one
 * started, the latest pass and the latest completion (a tenth failed retake says nothing the
 * latest one does not), grouped by learner. One scan of the covering index (migration v6) in its
 * own order, rows as arrays: each learner's module's attempts arrive together, so a group ends
 * when the row's learner or module changes, with no lookup or key string per row.
 */
export function decisiveAttempts(db: ReadableDb, courseIds: readonly string[]): Map<string, DecisiveAttemptRow[]> {
  const byLearner = new Map<string, DecisiveAttemptRow[]>();
  // One course at a time, in the index's (and the old IN query's) course order, so no row carries it.
  const stmt = db.prepare(
    `SELECT id, learner_id, module_id, status, started_at, finished_at FROM attempts
      WHERE course_id = ? ORDER BY learner_id, module_id, started_at, status, finished_at, id`,
  );
  stmt.setReturnArrays(true);
  type Raw = [string, string, string, AttemptStatus, string, string | null];
  for (const courseId of [...new Set(courseIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    // The dashboard never needs the drawn items, so every row shares one empty list.
    const toRow = (r: Raw): DecisiveAttemptRow => ({ attemptId: r[0], learnerId: r[1], courseId, moduleId: r[2], status: r[3], startedAt: r[4], finishedAt: r[5], drawnItemIds: NO_ITEMS });
    let latest: Raw | null = null;
    let pass: Raw | null = null;
    let completion: Raw | null = null;
    let list: DecisiveAttemptRow[] = [];
    const flush = (): void => {
      if (!latest) return;
      if (list.length === 0 || list[0]?.learnerId !== latest[1]) {
        const known = byLearner.get(latest[1]);
        if (known) list = known;
        else byLearner.set(latest[1], (list = []));
      }
      list.push(toRow(latest));
      if (pass && pass !== latest) list.push(toRow(pass));
      if (completion && completion !== latest) list.push(toRow(completion));
    };
    // Rows stay as the arrays SQLite gives; objects are made only for those kept.
    for (const r of stmt.all(courseId) as unknown as Raw[]) {
      if (!latest || r[1] !== latest[1] || r[2] !== latest[2]) {
        flush();
        latest = r;
        pass = r[3] === 'passed' ? r : null;
        completion = r[3] === 'completed' ? r : null;
        continue;
      }
      if (r[4] > latest[4] || (r[4] === latest[4] && r[0] > latest[0])) latest = r;
      if (r[3] === 'passed' && (!pass || (r[5] ?? '') > (pass[5] ?? ''))) pass = r;
      if (r[3] === 'completed' && (!completion || (r[5] ?? '') > (completion[5] ?? ''))) completion = r;
    }
    flush();
  }
  return byLearner;
}

/**
 * Every acknowledgement, grouped by learner. No join to learners for their kind: the caller looks up
 * staff only, so a pupil's rows are never read from the map, and the join cost a lookup per row.
 * Each learner's rows come in the unique key's order, as they did through the join.
 */
export function acknowledgementsByLearner(db: ReadableDb): Map<string, StaffAckRow[]> {
  const rows = db
    .prepare(
      `SELECT learner_id AS learnerId, course_id AS courseId, attempt_id AS attemptId,
              policy_version_label AS policyVersionLabel, acknowledged_at AS acknowledgedAt
         FROM acknowledgements ORDER BY learner_id, course_id, policy_version_label`,
    )
    .all() as unknown as StaffAckRow[];
  const out = new Map<string, StaffAckRow[]>();
  for (const k of rows) {
    const list = out.get(k.learnerId);
    if (list) list.push(k);
    else out.set(k.learnerId, [k]);
  }
  return out;
}

/**
 * Changes whenever anything is written to the database: by this connection (total_changes) or by
 * any other (data_version; on the read-only reader every write is another connection's). Both are
 * O(1), so the figures can be kept between calls and never be stale; while HR looks at the
 * dashboard nobody else is using this PC, so it rarely changes.
 */
export function recordsFingerprint(db: ReadableDb): string {
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const version = (db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
  return `${changes}/${version}`;
}

export function attemptCount(db: ReadableDb): number {
  return (db.prepare(`SELECT count(*) AS n FROM attempts`).get() as { n: number }).n;
}

export interface PersonAttemptRow {
  attemptId: string;
  courseId: string;
  moduleId: string;
  status: AttemptStatus;
  scorePercent: number | null;
  correct: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  policyVersionLabel: string;
  contentVersion: string;
  scormVersion: string;
  sectionsToReview: string;
}

export function staffLearner(db: ReadableDb, learnerId: string): StaffRow | null {
  const row = db
    .prepare(
      `SELECT id, name, work_email AS workEmail, staff_id AS staffId, school, role,
              first_sign_in_at AS firstSignInAt, last_seen_at AS lastSeenAt
         FROM learners WHERE id = ? AND kind = 'staff'`,
    )
    .get(learnerId) as StaffRow | undefined;
  return row ?? null;
}

export function personAttempts(db: ReadableDb, learnerId: string): PersonAttemptRow[] {
  return db
    .prepare(
      `SELECT id AS attemptId, course_id AS courseId, module_id AS moduleId, status, score_percent AS scorePercent,
              correct, total, started_at AS startedAt, finished_at AS finishedAt,
              policy_version_label AS policyVersionLabel, content_version AS contentVersion,
              scorm_version AS scormVersion, sections_to_review AS sectionsToReview
         FROM attempts WHERE learner_id = ? ORDER BY started_at DESC, id DESC`,
    )
    .all(learnerId) as unknown as PersonAttemptRow[];
}

export function personAcknowledgements(db: ReadableDb, learnerId: string): StaffAckRow[] {
  return db
    .prepare(
      `SELECT learner_id AS learnerId, course_id AS courseId, attempt_id AS attemptId,
              policy_version_label AS policyVersionLabel, acknowledged_at AS acknowledgedAt
         FROM acknowledgements WHERE learner_id = ? ORDER BY acknowledged_at`,
    )
    .all(learnerId) as unknown as StaffAckRow[];
}

// --- Pupils: class-level counts only (CONTENT-BRIEF "Data kept"). No query here returns a name.
// (The answer counts themselves come from class-counts.ts.)

export interface ClassCompletionRow {
  className: string;
  band: string;
  courseId: string;
  moduleId: string;
  completed: number;
  inProgress: number;
}

/** Lessons completed per class: live pupil records plus what retention kept as counts. */
export function classCompletions(db: ReadableDb, academicYear: string | null, yearStart: string | null, yearEnd: string | null): ClassCompletionRow[] {
  return db
    .prepare(
      `SELECT className, band, courseId, moduleId, sum(completed) AS completed, sum(inProgress) AS inProgress FROM (
         SELECT l.class_name AS className, l.band, a.course_id AS courseId, a.module_id AS moduleId,
                sum(a.status = 'completed') AS completed, sum(a.status = 'in-progress') AS inProgress
           FROM attempts a JOIN learners l ON l.id = a.learner_id
          WHERE l.kind = 'pupil' AND (?2 IS NULL OR (a.started_at >= ?2 AND a.started_at < ?3))
          GROUP BY l.class_name, l.band, a.course_id, a.module_id
         UNION ALL
         SELECT class_name, band, course_id, module_id, completed, 0
           FROM pupil_completions_retained WHERE (?1 IS NULL OR academic_year = ?1))
        GROUP BY className COLLATE NOCASE, band, courseId, moduleId
        ORDER BY className COLLATE NOCASE, band, courseId, moduleId`,
    )
    .all(academicYear, yearStart, yearEnd) as unknown as ClassCompletionRow[];
}

export function academicYears(db: ReadableDb): string[] {
  const rows = db
    .prepare(
      `SELECT academic_year AS y FROM class_counts UNION SELECT academic_year FROM pupil_completions_retained ORDER BY 1 DESC`,
    )
    .all() as { y: string }[];
  return rows.map((r) => r.y);
}
