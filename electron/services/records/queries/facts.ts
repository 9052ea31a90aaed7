import type { ReadableDb } from '@services/storage';
import type { RoleId } from '@content/schema';

/**
 * What the compliance rules need to know, in plain shapes filled from the records' rows. The rules
 * are pure: the caller passes the facts and `now`, and gets the same answer back every time, which
 * is what lets the catalogue, the dashboard and every export agree.
 */
export interface LearnerFacts {
  role: RoleId;
  /** When the learner first signed in (ISO date-time); the due date counts from its calendar date. */
  firstSignInAt: string;
}

export type AttemptStatus = 'in-progress' | 'completed' | 'passed' | 'failed';

export interface AttemptFacts {
  attemptId: string;
  courseId: string;
  moduleId: string;
  /** Main's verdict, never the renderer's. */
  status: AttemptStatus;
  startedAt: string;
  /** When the attempt finished (ISO date-time); null while it is in progress. */
  finishedAt: string | null;
  drawnItemIds: readonly string[];
  /** Per drawn item, whether main scored it right; lets the retrieval check find the hardest sections. */
  itemResults?: readonly { itemId: string; correct: boolean }[];
  /** Main's verdict's sections to review (used when itemResults are not given). */
  sectionsToReview?: readonly string[];
}

export interface AcknowledgementFacts {
  courseId: string;
  attemptId: string;
  acknowledgedAt: string;
  policyVersionLabel: string;
}

/**
 * Read-only: one learner's records in the plain shapes the compliance rules take
 * (electron/services/compliance), so the catalogue, the dashboard and the exports agree.
 */
export function learnerFacts(db: ReadableDb, learnerId: string): LearnerFacts | null {
  const row = db.prepare("SELECT role, first_sign_in_at FROM learners WHERE id = ? AND kind = 'staff'").get(learnerId) as
    | { role: LearnerFacts['role']; first_sign_in_at: string }
    | undefined;
  return row ? { role: row.role, firstSignInAt: row.first_sign_in_at } : null;
}

export interface AttemptFactRow {
  id: string;
  course_id: string;
  module_id: string;
  status: AttemptFacts['status'];
  started_at: string;
  finished_at: string | null;
  drawn_item_ids: string;
  item_results: string | null;
  sections_to_review: string;
}

export function attemptFacts(db: ReadableDb, learnerId: string): AttemptFacts[] {
  const rows = db
    .prepare(
      'SELECT id, course_id, module_id, status, started_at, finished_at, drawn_item_ids, item_results, sections_to_review FROM attempts WHERE learner_id = ? ORDER BY started_at',
    )
    .all(learnerId) as unknown as AttemptFactRow[];
  return rows.map(attemptFactsFromRow);
}

/** One attempts row in the shape the compliance rules take; shared by every reader of those facts. */
export const attemptFactsFromRow = (r: AttemptFactRow): AttemptFacts => ({
  attemptId: r.id,
  courseId: r.course_id,
  moduleId: r.module_id,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  drawnItemIds: JSON.parse(r.drawn_item_ids) as string[],
  ...(r.item_results ? { itemResults: JSON.parse(r.item_results) as { itemId: string; correct: boolean }[] } : {}),
  sectionsToReview: JSON.parse(r.sections_to_review) as string[],
});

export interface AcknowledgementFactRow {
  course_id: string;
  attempt_id: string;
  acknowledged_at: string;
  policy_version_label: string;
}

export const acknowledgementFactsFromRow = (r: AcknowledgementFactRow): AcknowledgementFacts => ({
  courseId: r.course_id,
  attemptId: r.attempt_id,
  acknowledgedAt: r.acknowledged_at,
  policyVersionLabel: r.policy_version_label,
});

export function acknowledgementFacts(db: ReadableDb, learnerId: string): AcknowledgementFacts[] {
  const rows = db
    .prepare('SELECT course_id, attempt_id, acknowledged_at, policy_version_label FROM acknowledgements WHERE learner_id = ? ORDER BY acknowledged_at')
    .all(learnerId) as unknown as AcknowledgementFactRow[];
  return rows.map(acknowledgementFactsFromRow);
}

/** Read-only: the facts the compliance rules need for each member of staff, from the records tables. */
export interface StaffFacts {
  learnerId: string;
  learner: LearnerFacts;
  attempts: AttemptFacts[];
  acknowledgements: AcknowledgementFacts[];
}

type StaffAttemptFactRow = AttemptFactRow & { learner_id: string };
type StaffAckFactRow = AcknowledgementFactRow & { learner_id: string };

/** Facts for staff learners: one (learnerId given) or all of them. Pupils have no compliance cycle. */
export function staffFacts(db: ReadableDb, learnerId?: string): StaffFacts[] {
  const where = learnerId === undefined ? '' : ' AND id = ?';
  const args = learnerId === undefined ? [] : [learnerId];
  const learners = db
    .prepare(`SELECT id, role, first_sign_in_at FROM learners WHERE kind = 'staff'${where} ORDER BY first_sign_in_at, id`)
    .all(...args) as { id: string; role: RoleId; first_sign_in_at: string }[];
  const filter = learnerId === undefined ? '' : ' WHERE learner_id = ?';
  const attempts = db
    .prepare(
      `SELECT id, learner_id, course_id, module_id, status, started_at, finished_at, drawn_item_ids, item_results, sections_to_review
       FROM attempts${filter} ORDER BY started_at, id`,
    )
    .all(...args) as unknown as StaffAttemptFactRow[];
  const acks = db
    .prepare(`SELECT learner_id, course_id, attempt_id, acknowledged_at, policy_version_label FROM acknowledgements${filter} ORDER BY acknowledged_at, id`)
    .all(...args) as unknown as StaffAckFactRow[];
  const byLearner = new Map<string, StaffFacts>(
    learners.map((l) => [l.id, { learnerId: l.id, learner: { role: l.role, firstSignInAt: l.first_sign_in_at }, attempts: [], acknowledgements: [] }]),
  );
  for (const a of attempts) byLearner.get(a.learner_id)?.attempts.push(attemptFactsFromRow(a));
  for (const k of acks) byLearner.get(k.learner_id)?.acknowledgements.push(acknowledgementFactsFromRow(k));
  return [...byLearner.values()];
}
