import { openSnapshot } from '@services/storage';

/** A row as SQLite gives it. */
export type RecordRow = Record<string, string | number | null>;

/** One member of staff's rows for a records file: their learners row, attempts and acknowledgements. */
export interface StaffRecordRows {
  learner: RecordRow;
  attempts: RecordRow[];
  acknowledgements: RecordRow[];
}

/**
 * What a records file carries, read from a read-only snapshot of the records (one transaction),
 * one member of staff at a time so memory stays flat. Pupils are left out in the SQL; PIN hashes
 * are never selected.
 */
export function* staffRecordRows(databaseFile: string): Generator<StaffRecordRows> {
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
      const learner = raw as RecordRow;
      const id = String(learner.id);
      yield { learner, attempts: attempts.all(id) as RecordRow[], acknowledgements: acks.all(id) as RecordRow[] };
    }
  } finally {
    db.close(); // ends the read transaction too
  }
}
