import { z } from 'zod';
import { ACCESS } from '../access';
import { noControl } from '../text';

const Count = z.int().nonnegative();

/** The preview's page sends files as base64 in one request (the preview server takes up to 1 MB). */
export const RECORDS_UPLOAD_MAX_BYTES = 700_000;

/** A file the preview page uploads: its name (shown, never used as a path) and its bytes. */
const Upload = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200, 'must be at most 200 characters')
    .superRefine(noControl()),
  base64: z.base64('must be the file as base64').max(Math.ceil(RECORDS_UPLOAD_MAX_BYTES / 3) * 4, 'the file is too large to upload here: import it with npm run records -- import'),
});

export const RecordsConflict = z.strictObject({
  line: Count,
  name: z.string(),
  workEmail: z.string().nullable(),
  staffId: z.string().nullable(),
  why: z.string(),
});

/** One file: what was added, what was already here, the people listed for the administrator, or why the file was refused. */
export const RecordsFileOutcome = z.strictObject({
  fileName: z.string(),
  /** Why the whole file was refused (nothing from it was added); null when it was imported. */
  problem: z.string().nullable(),
  report: z
    .strictObject({
      sourcePc: z.string(),
      exportedAt: z.string(),
      learnersAdded: Count,
      learnersMatched: Count,
      attemptsAdded: Count,
      attemptsAlreadyHeld: Count,
      acknowledgementsAdded: Count,
      /** Up to 500 (the command line lists all); conflictsTotal counts them all. */
      conflicts: z.array(RecordsConflict).max(500),
      conflictsTotal: Count,
    })
    .nullable(),
});
export type RecordsFileOutcome = z.infer<typeof RecordsFileOutcome>;

/** Which PCs people's records were merged in from, for the dashboard (learner_origins). */
export const RecordsOrigin = z.strictObject({
  sourcePc: z.string(),
  /** When that PC wrote the file (its newest file imported). */
  exportedAt: z.string(),
  /** When it was imported here. */
  importedAt: z.string(),
});

export const recordsFileChannels = {
  /** How files are chosen: main's own open dialog (the app) or an upload from the page (the preview). Admin only. */
  'recordsFile.options': {
    access: ACCESS.admin,
    request: z.strictObject({}),
    reply: z.strictObject({ delivery: z.enum(['open-dialog', 'upload']), maxUploadBytes: Count }),
  },
  /**
   * Imports Trust records files from other PCs. The app: no uploads, main asks with its own dialog.
   * The preview: uploads (up to 10). One import at a time. Admin only.
   */
  'recordsFile.import': {
    access: ACCESS.admin,
    request: z.strictObject({ uploads: z.array(Upload).min(1).max(10, 'at most 10 files at a time').optional() }),
    reply: z.strictObject({ cancelled: z.boolean(), files: z.array(RecordsFileOutcome) }),
  },
  /**
   * Per source PC: how many people's records came from it, the newest file's time and when it was
   * imported; and, per person asked for, their origins. Admin only.
   */
  'recordsFile.origins': {
    access: ACCESS.admin,
    request: z.strictObject({ learnerId: z.string().min(1).max(80).optional() }),
    reply: z.strictObject({
      pcs: z.array(RecordsOrigin.extend({ people: Count })),
      person: z.array(RecordsOrigin),
    }),
  },
} as const;
