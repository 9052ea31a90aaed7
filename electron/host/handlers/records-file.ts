import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { ServiceError } from '@contract/result';
import { CONFLICTS_SHOWN, recordsOrigins, type FileOutcome } from '@services/records-file';
import { RECORDS_UPLOAD_MAX_BYTES } from '@contract/channels/records-file';

/** A file's outcome as the reply carries it: at most CONFLICTS_SHOWN conflicts, all counted. */
const shown = (f: FileOutcome) => ({
  fileName: f.fileName,
  problem: f.problem,
  report: f.report ? { ...f.report, conflicts: f.report.conflicts.slice(0, CONFLICTS_SHOWN), conflictsTotal: f.report.conflicts.length } : null,
});

/** Records files from other PCs, imported from the admin area's Exports tab; where people's records came from. */
export const recordsFileHandlers = (s: Services): Pick<HandlerTable, 'recordsFile.options' | 'recordsFile.import' | 'recordsFile.origins'> => ({
  'recordsFile.options': () => ({ delivery: s.recordsFile.chooseFiles ? 'open-dialog' : 'upload', maxUploadBytes: RECORDS_UPLOAD_MAX_BYTES }),
  'recordsFile.import': async ({ uploads }) => {
    // The app takes files only from main's own dialog: no path, and no file's bytes, from the window.
    if (s.recordsFile.chooseFiles && uploads) throw new ServiceError('invalid-request', 'uploads: this app imports the files chosen in its own dialog');
    if (!s.recordsFile.chooseFiles && !uploads) throw new ServiceError('invalid-request', 'uploads: choose the records files to import');
    const r = uploads
      ? await s.recordsFile.importUploads(uploads.map((u) => ({ fileName: u.fileName, bytes: Buffer.from(u.base64, 'base64') })))
      : await s.recordsFile.importPicked();
    return { cancelled: r.cancelled, files: r.files.map(shown) };
  },
  'recordsFile.origins': ({ learnerId }) => recordsOrigins(s.db, learnerId),
});
