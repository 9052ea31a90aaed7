import { existsSync } from 'node:fs';
import { openSnapshot, type ReadableDb, type ReadableStatement } from '@services/storage';

/** A learners row as the exports read it (staff only). */
export type StaffSnapshotRow = Record<'id' | 'name' | 'work_email' | 'staff_id' | 'school' | 'role' | 'first_sign_in_at', string | null>;

const STAFF_COLUMNS = 'id, name, work_email, staff_id, school, role, first_sign_in_at';

/**
 * The exports' reads of the records: a read-only connection of its own inside one read transaction
 * (openSnapshot), so an export is one consistent view while the app keeps committing (WAL), walked
 * one learner at a time so memory stays flat however many attempts there are. Pupils are left out
 * in the SQL itself (kind = 'staff'), not filtered later. Close it when the export is done, so the
 * WAL can be checkpointed.
 */
export class StaffSnapshot {
  private readonly db: ReadableDb & { close(): void };
  private attempts: ReadableStatement | null = null;
  private acks: ReadableStatement | null = null;

  constructor(
    databaseFile: string,
    private readonly withCmi: boolean,
  ) {
    if (!existsSync(databaseFile)) throw new Error(`No records database at ${databaseFile}`);
    this.db = openSnapshot(databaseFile);
  }

  staffCount(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'`).get() as { n: number }).n;
  }

  /** One member of staff's row (none for an unknown id or a pupil). */
  staffMember(learnerId: string): Iterable<StaffSnapshotRow> {
    return this.db.prepare(`SELECT ${STAFF_COLUMNS} FROM learners WHERE kind = 'staff' AND id = ?`).iterate(learnerId) as Iterable<StaffSnapshotRow>;
  }

  /** Every member of staff, by school, name and id. */
  staff(): Iterable<StaffSnapshotRow> {
    return this.db.prepare(`SELECT ${STAFF_COLUMNS} FROM learners WHERE kind = 'staff' ORDER BY school, name, id`).iterate() as Iterable<StaffSnapshotRow>;
  }

  /** Staff passes whose attempt id begins with `prefix` (a certificate number's), at most five. */
  passesWithPrefix(prefix: string): { attempt_id: string; learner_id: string }[] {
    return this.db
      .prepare(
        `SELECT a.id AS attempt_id, a.learner_id FROM attempts a JOIN learners l ON l.id = a.learner_id
          WHERE l.kind = 'staff' AND a.status = 'passed' AND substr(a.id, 1, 13) = ? ORDER BY a.id LIMIT 5`,
      )
      .all(prefix.toLowerCase()) as { attempt_id: string; learner_id: string }[];
  }

  /** One learner's attempts, oldest first (with the cmi when the snapshot was opened for it). */
  attemptsOf(learnerId: string): Record<string, string | number | null>[] {
    this.attempts ??= this.db.prepare(
      `SELECT id, course_id, module_id, status, score_percent, started_at, finished_at, scorm_version, drawn_item_ids
              ${this.withCmi ? ', cmi' : ''}
         FROM attempts WHERE learner_id = ? ORDER BY started_at, id`,
    );
    return this.attempts.all(learnerId) as Record<string, string | number | null>[];
  }

  /** One learner's acknowledgements, oldest first. */
  acknowledgementsOf(learnerId: string): Record<'course_id' | 'attempt_id' | 'acknowledged_at' | 'policy_version_label', string>[] {
    this.acks ??= this.db.prepare(
      `SELECT course_id, attempt_id, acknowledged_at, policy_version_label
         FROM acknowledgements WHERE learner_id = ? ORDER BY acknowledged_at, id`,
    );
    return this.acks.all(learnerId) as Record<'course_id' | 'attempt_id' | 'acknowledged_at' | 'policy_version_label', string>[];
  }

  /** Ends the read transaction and closes the connection. */
  close(): void {
    this.db.close();
  }
}
