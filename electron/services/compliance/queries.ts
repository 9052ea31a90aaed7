import type { ReadableDb } from '../storage';
import type { Bundle, RoleId } from '@content/schema';
import { complianceFor } from './status';
import { acknowledgementFactsFromRow, attemptFactsFromRow, type AcknowledgementFactRow, type AttemptFactRow } from '../records';
import type { AcknowledgementFacts, AttemptFacts, ComplianceSettings, LearnerCompliance, LearnerFacts } from './types';

/** Read-only: the facts the rules need, from the records tables (electron/services/storage/migrations/records.ts). */
export interface StaffFacts {
  learnerId: string;
  learner: LearnerFacts;
  attempts: AttemptFacts[];
  acknowledgements: AcknowledgementFacts[];
}

type AttemptRow = AttemptFactRow & { learner_id: string };
type AckRow = AcknowledgementFactRow & { learner_id: string };

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
    .all(...args) as unknown as AttemptRow[];
  const acks = db
    .prepare(`SELECT learner_id, course_id, attempt_id, acknowledged_at, policy_version_label FROM acknowledgements${filter} ORDER BY acknowledged_at, id`)
    .all(...args) as unknown as AckRow[];
  const byLearner = new Map<string, StaffFacts>(
    learners.map((l) => [l.id, { learnerId: l.id, learner: { role: l.role, firstSignInAt: l.first_sign_in_at }, attempts: [], acknowledgements: [] }]),
  );
  for (const a of attempts) byLearner.get(a.learner_id)?.attempts.push(attemptFactsFromRow(a));
  for (const k of acks) byLearner.get(k.learner_id)?.acknowledgements.push(acknowledgementFactsFromRow(k));
  return [...byLearner.values()];
}

export interface StaffCompliance {
  learnerId: string;
  compliance: LearnerCompliance;
}

/** Every member of staff's compliance on `now`: what the dashboard and the exports read. */
export function staffCompliance(db: ReadableDb, bundle: Bundle, settings: ComplianceSettings, now: Date): StaffCompliance[] {
  return staffFacts(db).map((f) => ({
    learnerId: f.learnerId,
    compliance: complianceFor(f.learner, f.attempts, f.acknowledgements, bundle, settings, now),
  }));
}
