import { openSnapshot } from '@services/storage';
import type { Cmi } from '@contract/channels/records';
import type { FileAttempt, LearnerBlock } from './format';

type Row = Record<string, string | number | null>;
const list = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : []);

/**
 * What a records file carries, read from a read-only snapshot of the records (one transaction),
 * one staff member at a time. Pupils are left out in the SQL; PIN hashes are never selected.
 */
export function* staffBlocks(databaseFile: string): Generator<LearnerBlock> {
  const db = openSnapshot(databaseFile);
  try {
    const learners = db.prepare(
      `SELECT id, name, work_email, staff_id, school, role, first_sign_in_at FROM learners WHERE kind = 'staff' ORDER BY first_sign_in_at, id`,
    );
    const attempts = db.prepare(
      `SELECT id, course_id, module_id, content_version, policy_version_label, scorm_version, drawn_item_ids, started_at, updated_at,
              finished_at, status, score_percent, correct, total, sections_to_review, item_results, flags, cmi
         FROM attempts WHERE learner_id = ? ORDER BY started_at, id`,
    );
    const acks = db.prepare(
      `SELECT course_id, attempt_id, policy_version_label, content_version, acknowledged_at FROM acknowledgements WHERE learner_id = ? ORDER BY acknowledged_at, id`,
    );
    for (const raw of learners.iterate()) {
      const l = raw as Row;
      const id = String(l.id);
      yield {
        learner: {
          learnerId: id,
          name: String(l.name),
          workEmail: l.work_email === null ? null : String(l.work_email),
          staffId: l.staff_id === null ? null : String(l.staff_id),
          school: String(l.school),
          role: String(l.role) as LearnerBlock['learner']['role'],
          firstSignInAt: String(l.first_sign_in_at),
        },
        attempts: (attempts.all(id) as Row[]).map(toFileAttempt),
        acknowledgements: (acks.all(id) as Row[]).map((k) => ({
          courseId: String(k.course_id),
          attemptId: String(k.attempt_id),
          policyVersionLabel: String(k.policy_version_label),
          contentVersion: String(k.content_version),
          acknowledgedAt: String(k.acknowledged_at),
        })),
      };
    }
  } finally {
    db.close(); // ends the read transaction too
  }
}

function toFileAttempt(a: Row): FileAttempt {
  return {
    attemptId: String(a.id),
    courseId: String(a.course_id),
    moduleId: String(a.module_id),
    contentVersion: String(a.content_version),
    policyVersionLabel: String(a.policy_version_label),
    scormVersion: String(a.scorm_version) as FileAttempt['scormVersion'],
    drawnItemIds: list(a.drawn_item_ids),
    startedAt: String(a.started_at),
    updatedAt: String(a.updated_at),
    finishedAt: a.finished_at === null ? null : String(a.finished_at),
    status: String(a.status) as FileAttempt['status'],
    scorePercent: a.score_percent === null ? null : Number(a.score_percent),
    correct: Number(a.correct),
    total: Number(a.total),
    sectionsToReview: list(a.sections_to_review),
    itemResults: typeof a.item_results === 'string' ? (JSON.parse(a.item_results) as FileAttempt['itemResults']) : null,
    flags: list(a.flags),
    cmi: typeof a.cmi === 'string' ? (JSON.parse(a.cmi) as Cmi) : null,
  };
}
