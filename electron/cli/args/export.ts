import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, isPackageFormat, type ExportFormat, type ExportRequest } from '@services/exports';

export const EXPORT_USAGE = `Usage: npm run export -- --data DIR --format ${EXPORT_FORMATS.join('|')} --out PATH [--course ID] [--per-module]
  --data DIR      the app's data folder (the one holding records.sqlite)
  --format F      csv (results), totara (completion upload), xapi (statements), cmi12 / cmi2004
                  (cmi per attempt), records (this PC's staff records, to merge on the HR PC with
                  npm run records -- import), scorm12 / scorm2004 (the course as a SCORM package)
  --out PATH      the file to write; a folder (an existing one, or PATH ending in /, created
                  if missing) gets a dated file name inside it;
                  with --per-module, the folder that receives one zip per module
  --course ID     packages only: another course (e.g. pupils-ks3); default the staff induction
  --per-module    packages only: one zip per module instead of one for the course`;

import { UsageError } from '../exit-codes';

export { UsageError };

/**
 * Where `--out` points: a path written as a folder (ending in / or \) is a folder, created when
 * missing, and receives the dated file name inside; it is never taken for a file of that name.
 */
export function outTarget(out: string): { path: string; folder: boolean } {
  return { path: path.resolve(out), folder: /[\\/]$/.test(out) };
}

export interface ExportArgs {
  dataDir: string | null;
  out: string;
  request: ExportRequest;
  passwordFile: string | null;
}

/**
 * The export command line, shared by `npm run export` and the packaged app's `--export`
 * (`app --export FORMAT --out PATH --admin-password-file F [...]`).
 */
export function parseExportArgs(argv: readonly string[], mode: 'cli' | 'app'): ExportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        format: { type: 'string' },
        export: { type: 'string' },
        out: { type: 'string' },
        course: { type: 'string' },
        'per-module': { type: 'boolean' },
        'admin-password-file': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  const format = mode === 'app' ? (v.export ?? v.format) : v.format;
  if (mode === 'cli' && v.export !== undefined) throw new UsageError('Use --format, not --export, with npm run export');
  if (mode === 'cli' && !v.data) throw new UsageError('--data DIR is required: the app’s data folder');
  if (!format) throw new UsageError(mode === 'app' ? '--export FORMAT is required' : '--format is required');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}; got ${JSON.stringify(format)}`);
  }
  const f = format as ExportFormat;
  if (!v.out) throw new UsageError('--out PATH is required');
  if (!isPackageFormat(f) && (v.course !== undefined || v['per-module'])) {
    throw new UsageError(`--course and --per-module apply to scorm12 and scorm2004 only, not to ${f}`);
  }
  if (v.course !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(v.course)) throw new UsageError(`--course must be a course id such as pupils-ks3; got ${JSON.stringify(v.course)}`);
  if (mode === 'app' && !v['admin-password-file']) {
    throw new UsageError('--admin-password-file F is required: a file holding the administrator password');
  }
  if (mode === 'cli' && v['admin-password-file']) throw new UsageError('--admin-password-file is for the packaged app; npm run export needs only access to the data folder');
  return {
    dataDir: v.data ?? null,
    out: v.out,
    request: { format: f, ...(v.course ? { courseId: v.course } : {}), ...(v['per-module'] ? { perModule: true } : {}) },
    passwordFile: v['admin-password-file'] ?? null,
  };
}
