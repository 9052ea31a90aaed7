import path from 'node:path';
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { Cmi, ScormVersion } from '@content/scorm';
import type { RoleId } from '@content/schema';
import type { AttemptStatus } from '@services/compliance';
import type { AcknowledgementFacts, AttemptRecord, ExportSource, StaffRecord, StaffWithRecords } from './types';

/**
 * The exports' read-only view of the records store (schema: electron/services/storage/migrations/records.ts,
 * migration v3). It opens its own read-only connection inside one read transaction, so an export
 * is a consistent snapshot while the app keeps committing on the main connection (WAL), and walks
 * learners one at a time: memory stays flat however many attempts there are.
 * Pupils are excluded in the SQL itself (kind = 'staff'), not filtered later.
 */
export class RecordsExportSource implements ExportSource {
  private readonly db: DatabaseSync;
  private closed = false;

  constructor(
    databaseFile: string,
    private readonly options: { withCmi: boolean },
  ) {
    if (!existsSync(databaseFile)) throw new Error(`No records database at ${databaseFile}`);
    this.db = new DatabaseSync(databaseFile, { readOnly: true });
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec('BEGIN'); // one snapshot for the whole export
  }

  static inDataDir(dataDir: string, options: { withCmi: boolean }): RecordsExportSource {
    return new RecordsExportSource(path.join(dataDir, 'records.sqlite'), options);
  }

  staffCount(): number {
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'`).get() as { n: number };
    return row.n;
  }

  /** One staff member (certificates); null for an unknown id or a pupil. */
  staffMember(learnerId: string): StaffWithRecords | null {
    const rows = this.db.prepare(
      `SELECT id, name, work_email, staff_id, school, role, first_sign_in_at FROM learners WHERE kind = 'staff' AND id = ?`,
    );
    for (const r of this.walk(rows.iterate(learnerId))) return r;
    return null;
  }

  /** Staff members with a passed attempt whose id begins with `prefix` (a certificate number's); usually one. */
  staffWithPassPrefix(prefix: string): { attemptId: string; member: StaffWithRecords }[] {
    const rows = this.db
      .prepare(
        `SELECT a.id AS attempt_id, a.learner_id FROM attempts a JOIN learners l ON l.id = a.learner_id
          WHERE l.kind = 'staff' AND a.status = 'passed' AND substr(a.id, 1, 13) = ? ORDER BY a.id LIMIT 5`,
      )
      .all(prefix.toLowerCase()) as { attempt_id: string; learner_id: string }[];
    return rows.flatMap((r) => {
      const member = this.staffMember(r.learner_id);
      return member ? [{ attemptId: r.attempt_id, member }] : [];
    });
  }

  staff(): Iterable<StaffWithRecords> {
    const learners = this.db.prepare(
      `SELECT id, name, work_email, staff_id, school, role, first_sign_in_at
         FROM learners WHERE kind = 'staff' ORDER BY school, name, id`,
    );
    return this.walk(learners.iterate());
  }

  private *walk(learnerRows: Iterable<unknown>): Iterable<StaffWithRecords> {
    const attempts = this.db.prepare(
      `SELECT id, course_id, module_id, status, score_percent, started_at, finished_at, scorm_version, drawn_item_ids
              ${this.options.withCmi ? ', cmi' : ''}
         FROM attempts WHERE learner_id = ? ORDER BY started_at, id`,
    );
    const acks = this.db.prepare(
      `SELECT course_id, attempt_id, acknowledged_at, policy_version_label
         FROM acknowledgements WHERE learner_id = ? ORDER BY acknowledged_at, id`,
    );
    for (const raw of learnerRows) {
      const l = raw as Record<string, string | null>;
      const staff: StaffRecord = {
        learnerId: String(l.id),
        name: String(l.name ?? ''),
        workEmail: l.work_email ?? null,
        staffId: l.staff_id ?? null,
        school: String(l.school ?? ''),
        role: String(l.role) as RoleId,
        firstSignInAt: String(l.first_sign_in_at),
      };
      const attemptRows = (attempts.all(staff.learnerId) as Record<string, string | number | null>[]).map((a) =>
        toAttempt(staff.learnerId, a, this.options.withCmi),
      );
      const ackRows = (acks.all(staff.learnerId) as Record<string, string>[]).map(
        (k): AcknowledgementFacts => ({
          courseId: k.course_id!,
          attemptId: k.attempt_id!,
          acknowledgedAt: k.acknowledged_at!,
          policyVersionLabel: k.policy_version_label!,
        }),
      );
      yield { staff, attempts: attemptRows, acknowledgements: ackRows };
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.exec('COMMIT');
    } finally {
      this.db.close();
    }
  }
}

export function toAttempt(learnerId: string, a: Record<string, string | number | null>, withCmi: boolean): AttemptRecord {
  let cmi: Cmi | null = null;
  if (withCmi && typeof a.cmi === 'string') {
    // The store validated it on the way in; a damaged value is reported as absent, not fatal.
    const stored = JSON.parse(a.cmi) as unknown;
    // Stored either as the contract's { version, data } or as the bare flattened data. The store
    // checked every element on the way in (the Cmi schema), so only the shape is checked here;
    // the formats re-check each element they write (cmi-convert `valid`).
    const shaped = (stored && typeof stored === 'object' && 'data' in stored ? stored : { version: a.scorm_version, data: stored }) as { version: unknown; data: unknown };
    const versionOk = shaped.version === 'scorm2004' || shaped.version === 'scorm12';
    const data = shaped.data;
    const dataOk = !!data && typeof data === 'object' && !Array.isArray(data) && Object.values(data).every((v) => typeof v === 'string');
    cmi = versionOk && dataOk ? ({ version: shaped.version, data } as Cmi) : null;
  }
  return {
    attemptId: String(a.id),
    learnerId,
    courseId: String(a.course_id),
    moduleId: String(a.module_id),
    status: String(a.status) as AttemptStatus,
    scorePercent: a.score_percent === null ? null : Number(a.score_percent),
    startedAt: String(a.started_at),
    finishedAt: a.finished_at === null ? null : String(a.finished_at),
    scormVersion: String(a.scorm_version) as ScormVersion,
    drawnItemIds: JSON.parse(String(a.drawn_item_ids)) as string[],
    cmi,
  };
}
