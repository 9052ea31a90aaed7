import { EXPORT_FORMATS, PACKAGE_FORMATS, RECORD_FORMATS } from '@contract/channels/exports';

/** Every format `npm run export` and the exports.run channel know (the list lives in the contract). */
export { EXPORT_FORMATS, PACKAGE_FORMATS, RECORD_FORMATS };
export type RecordFormat = (typeof RECORD_FORMATS)[number];
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isPackageFormat = (f: ExportFormat): f is PackageFormat => (PACKAGE_FORMATS as readonly string[]).includes(f);

export const FORMAT_INFO: Record<ExportFormat, { extension: string; mediaType: string; label: string }> = {
  csv: { extension: 'csv', mediaType: 'text/csv; charset=utf-8', label: 'Results (CSV)' },
  totara: { extension: 'csv', mediaType: 'text/csv; charset=utf-8', label: 'Totara completion upload (CSV)' },
  xapi: { extension: 'json', mediaType: 'application/json', label: 'xAPI statements (JSON)' },
  cmi12: { extension: 'json', mediaType: 'application/json', label: 'SCORM 1.2 cmi per attempt (JSON)' },
  cmi2004: { extension: 'json', mediaType: 'application/json', label: 'SCORM 2004 cmi per attempt (JSON)' },
  records: { extension: 'records', mediaType: 'application/x-ndjson', label: 'Trust records file, to merge on the HR PC' },
  scorm12: { extension: 'zip', mediaType: 'application/zip', label: 'SCORM 1.2 course package' },
  scorm2004: { extension: 'zip', mediaType: 'application/zip', label: 'SCORM 2004 4th edition course package' },
};
