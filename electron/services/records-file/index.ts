import os from 'node:os';

/** The Trust records file: one PC's staff records, merged on the HR PC (docs/it-many-pcs.md). */
export { RECORDS_FILE_KIND, RECORDS_FORMAT_VERSION, type LearnerBlock, type RecordsHeader } from './format';
export { writeRecordsFile, type RecordsFileSummary } from './write';
export { readRecordsFile, RecordsFileError } from './read';
export { staffBlocks } from './source';
export { importRecordsFile, type FileImportReport, type ImportConflict } from './import';
export { RecordsFileImports, CONFLICTS_SHOWN, type FileOutcome, type RecordsFilePicker } from './admin-import';
export { recordsOrigins, type Origin } from './origins';

/** This PC's name as the records file gives it (and file names use it). */
export const pcName = (): string => (os.hostname() || 'this-pc').replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 60);

/** An import's outcome in plain words, for the command line. */
export function describeImport(r: import('./import').FileImportReport): string {
  const lines = [
    `${r.file}: from ${r.sourcePc}, exported ${r.exportedAt}: ${r.attemptsAdded} attempt(s) added (${r.attemptsAlreadyHeld} already held), ` +
      `${r.learnersAdded} new staff, ${r.learnersMatched} matched, ${r.acknowledgementsAdded} acknowledgement(s) added.`,
  ];
  for (const c of r.conflicts) {
    lines.push(`  Not imported (line ${c.line}): ${c.name} <${c.workEmail ?? c.staffId ?? ''}>: ${c.why}. Correct the record on one PC, then import again.`);
  }
  return lines.join('\n');
}
