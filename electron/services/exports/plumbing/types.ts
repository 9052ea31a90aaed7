import type { Cmi, ScormVersion } from '@content/scorm';
import type { StaffRow } from '@services/records';
import type { AcknowledgementFacts, AttemptStatus } from '@services/compliance';

/** A staff member as the exports see them (pupils never reach an HR export: the source has none). */
export type StaffRecord = Omit<StaffRow, 'id' | 'lastSeenAt'> & { learnerId: string };

/** One attempt with what the formats need; cmi only where the format reads it. */
export interface AttemptRecord {
  attemptId: string;
  learnerId: string;
  courseId: string;
  moduleId: string;
  status: AttemptStatus;
  scorePercent: number | null;
  startedAt: string;
  finishedAt: string | null;
  scormVersion: ScormVersion;
  drawnItemIds: readonly string[];
  cmi: Cmi | null;
}

export interface StaffWithRecords {
  staff: StaffRecord;
  attempts: AttemptRecord[];
  acknowledgements: AcknowledgementFacts[];
}

/**
 * What the exports read, one learner at a time, so no export holds every row: the records
 * store's read-only queries behind it (electron/services/exports/plumbing/source.ts).
 */
export interface ExportSource {
  /** Staff members only, in a stable order, each with their attempts and acknowledgements. */
  staff(): Iterable<StaffWithRecords>;
  /** How many staff members `staff()` will yield (for progress). */
  staffCount(): number;
}

export type { AcknowledgementFacts };
