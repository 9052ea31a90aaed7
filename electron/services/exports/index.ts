// HR's exports: record formats, documents (certificates, rationales) and SCORM packages, run in main.
export { ExportService, type ExportRequest, type ExportOutcome, type ExportFile, type ExportDeps, type DestinationPicker } from './service';
export { EXPORT_FORMATS, FORMAT_INFO, isPackageFormat, type ExportFormat, type RecordFormat, type PackageFormat } from './formats/info';
export { deliverDocument, deliverExport, PREVIEW_DOWNLOAD_LIMIT } from './plumbing/deliver';
export { describeOutcome } from './plumbing/summary';
export { RecordsExportSource } from './plumbing/source';
export type { AuditEntry, AuditWriter } from './plumbing/audit';
export { certificateDocument, certificateFacts } from './documents/certificate';
export { attemptPrefixOf } from './documents/certificate-number';
export { rationaleDocument } from './documents/rationale';
export { toAttempt } from './plumbing/source';
export type { StaffRecord, AttemptRecord, StaffWithRecords, ExportSource } from './plumbing/types';
export { attemptStatements } from './formats/xapi';
export { csvLine } from './formats/cells';
