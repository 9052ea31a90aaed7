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
