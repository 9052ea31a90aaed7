import path from 'node:path';
import type { Cmi, ScormVersion } from '@content/scorm';
import type { RoleId } from '@content/schema';
import type { AttemptStatus } from '@services/compliance';
import { StaffSnapshot, type StaffSnapshotRow } from '@services/records';
import type { AcknowledgementFacts, AttemptRecord, ExportSource, StaffRecord, StaffWithRecords } from './types';

/**
 * The exports' view of the records: the records' StaffSnapshot (records/queries/staff-snapshot.ts:
 * one read transaction on a read-only connection of its own, so an export is a consistent snapshot
 * while the app keeps committing), shaped here into the exports' records, one learner at a time.
 * Pupils never appear (the snapshot reads staff only).
 */
export class RecordsExportSource implements ExportSource {
  private readonly snapshot: StaffSnapshot;
  private closed = false;

  constructor(
    databaseFile: string,
    private readonly options: { withCmi: boolean },
  ) {
    this.snapshot = new StaffSnapshot(databaseFile, options.withCmi);
  }

  static inDataDir(dataDir: string, options: { withCmi: boolean }): RecordsExportSource {
    return new RecordsExportSource(path.join(dataDir, 'records.sqlite'), options);
  }

  staffCount(): number {
    return this.snapshot.staffCount();
  }

  /** One staff member (certificates); null for an unknown id or a pupil. */
  staffMember(learnerId: string): StaffWithRecords | null {
    for (const r of this.walk(this.snapshot.staffMember(learnerId))) return r;
    return null;
  }

  /** Staff members with a passed attempt whose id begins with `prefix` (a certificate number's); usually one. */
  staffWithPassPrefix(prefix: string): { attemptId: string; member: StaffWithRecords }[] {
    return this.snapshot.passesWithPrefix(prefix).flatMap((r) => {
      const member = this.staffMember(r.learner_id);
      return member ? [{ attemptId: r.attempt_id, member }] : [];
    });
  }

  staff(): Iterable<StaffWithRecords> {
    return this.walk(this.snapshot.staff());
  }

  private *walk(learnerRows: Iterable<StaffSnapshotRow>): Iterable<StaffWithRecords> {
    for (const l of learnerRows) {
      const staff: StaffRecord = {
        learnerId: String(l.id),
        name: String(l.name ?? ''),
        workEmail: l.work_email ?? null,
        staffId: l.staff_id ?? null,
        school: String(l.school ?? ''),
        role: String(l.role) as RoleId,
        firstSignInAt: String(l.first_sign_in_at),
      };
      const attemptRows = this.snapshot.attemptsOf(staff.learnerId).map((a) => toAttempt(staff.learnerId, a, this.options.withCmi));
      const ackRows = this.snapshot.acknowledgementsOf(staff.learnerId).map(
        (k): AcknowledgementFacts => ({
          courseId: k.course_id,
          attemptId: k.attempt_id,
          acknowledgedAt: k.acknowledged_at,
          policyVersionLabel: k.policy_version_label,
        }),
      );
      yield { staff, attempts: attemptRows, acknowledgements: ackRows };
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.snapshot.close();
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
