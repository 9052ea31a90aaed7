import type { DatabaseSync } from 'node:sqlite';
import type { Bundle, RoleId } from '../../../content/schema';
import { complianceFor } from './status';
import type { AcknowledgementFacts, AttemptFacts, ComplianceSettings, LearnerCompliance, LearnerFacts } from './types';

/** Read-only: the facts the rules need, from the records tables (electron/services/records/schema.ts). */
export interface StaffFacts {
  learnerId: string;
  learner: LearnerFacts;
  attempts: AttemptFacts[];
  acknowledgements: AcknowledgementFacts[];
}

interface AttemptRow {
  id: string;
  learner_id: string;
  course_id: string;
  module_id: string;
  status: AttemptFacts['status'];
  started_at: string;
  finished_at: string | null;
  drawn_item_ids: string;
  item_results: string | null;
  sections_to_review: string;
}
interface AckRow {
  learner_id: string;
  course_id: string;
  attempt_id: string;
  acknowledged_at: string;
  policy_version_label: string;
}

const toAttempt = (r: AttemptRow): AttemptFacts => ({
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
const toAck = (r: AckRow): AcknowledgementFacts => ({
  courseId: r.course_id,
  attemptId: r.attempt_id,
  acknowledgedAt: r.acknowledged_at,
  policyVersionLabel: r.policy_version_label,
});

/** Facts for staff learners: one (learnerId given) or all of them. Pupils have no compliance cycle. */
export function staffFacts(db: DatabaseSync, learnerId?: string): StaffFacts[] {
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
    .all(...args) as unknown as AttemptRow[];
  const acks = db
    .prepare(`SELECT learner_id, course_id, attempt_id, acknowledged_at, policy_version_label FROM acknowledgements${filter} ORDER BY acknowledged_at, id`)
    .all(...args) as unknown as AckRow[];
  const byLearner = new Map<string, StaffFacts>(
    learners.map((l) => [l.id, { learnerId: l.id, learner: { role: l.role, firstSignInAt: l.first_sign_in_at }, attempts: [], acknowledgements: [] }]),
  );
  for (const a of attempts) byLearner.get(a.learner_id)?.attempts.push(toAttempt(a));
  for (const k of acks) byLearner.get(k.learner_id)?.acknowledgements.push(toAck(k));
  return [...byLearner.values()];
}

export interface StaffCompliance {
  learnerId: string;
  compliance: LearnerCompliance;
}

/** Every member of staff's compliance on `now`: what the dashboard and the exports read. */
export function staffCompliance(db: DatabaseSync, bundle: Bundle, settings: ComplianceSettings, now: Date): StaffCompliance[] {
  return staffFacts(db).map((f) => ({
    learnerId: f.learnerId,
    compliance: complianceFor(f.learner, f.attempts, f.acknowledgements, bundle, settings, now),
  }));
}
