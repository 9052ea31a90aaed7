// Read-only query modules for the dashboard and export helpers. Nothing here writes.
export { attemptsForExport, attemptCmi, type ExportAttemptRow, type ExportFilter } from './export';
export { recordsSummary, type RecordsSummary } from './summary';
export { classCounts, type ClassCountRow } from './class-counts';
export {
  learnerFacts,
  attemptFacts,
  acknowledgementFacts,
  attemptFactsFromRow,
  acknowledgementFactsFromRow,
  staffFacts,
  type StaffFacts,
  type LearnerFacts,
  type AttemptFacts,
  type AttemptStatus,
  type AcknowledgementFacts,
  type AttemptFactRow,
  type AcknowledgementFactRow,
} from './facts';
export { learnerById, displayName, type LearnerRow } from './learners';
export { attemptIds, listAttemptIds } from './attempt-ids';
export { attemptOwner, attemptDraw, attemptSchool } from './attempts';
export {
  staffLearners,
  decisiveAttempts,
  acknowledgementsByLearner,
  recordsFingerprint,
  attemptCount,
  staffLearner,
  personAttempts,
  personAcknowledgements,
  classCompletions,
  academicYears,
  type StaffRow,
  type DecisiveAttemptRow,
  type StaffAckRow,
  type PersonAttemptRow,
  type ClassCompletionRow,
} from './standings';
export { StaffSnapshot, type StaffSnapshotRow } from './staff-snapshot';
export { staffRecordRows, type StaffRecordRows, type RecordRow } from './records-file-rows';
