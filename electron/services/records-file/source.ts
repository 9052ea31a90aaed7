import { staffRecordRows, type RecordRow } from '@services/records';
import type { Cmi } from '@contract/channels/records';
import type { FileAttempt, LearnerBlock } from './format';

type Row = RecordRow;
const list = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : []);

/**
 * What a records file carries, one member of staff at a time: the records' query module reads
 * them from one read-only snapshot (pupils left out, no PIN hashes); this shapes them for the file.
 */
export function* staffBlocks(databaseFile: string): Generator<LearnerBlock> {
  for (const { learner: l, attempts, acknowledgements } of staffRecordRows(databaseFile)) {
    yield {
      learner: {
        learnerId: String(l.id),
        name: String(l.name),
        workEmail: l.work_email === null ? null : String(l.work_email),
        staffId: l.staff_id === null ? null : String(l.staff_id),
        school: String(l.school),
        role: String(l.role) as LearnerBlock['learner']['role'],
        firstSignInAt: String(l.first_sign_in_at),
      },
      attempts: attempts.map(toFileAttempt),
      acknowledgements: acknowledgements.map((k) => ({
        courseId: String(k.course_id),
        attemptId: String(k.attempt_id),
        policyVersionLabel: String(k.policy_version_label),
        contentVersion: String(k.content_version),
        acknowledgedAt: String(k.acknowledged_at),
      })),
    };
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
