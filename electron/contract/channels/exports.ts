import { z } from 'zod';
import { ACCESS } from '../access';
import type { ScormVersion } from '@content/scorm';

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id');
const Id = z.uuid({ error: 'must be an id the app issued' });

/** Record formats (from the records store) and course packages (from the built player). */
export const RECORD_FORMATS = ['csv', 'totara', 'xapi', 'cmi12', 'cmi2004', 'records'] as const;
// A course package is named by the SCORM version it is built for.
export const PACKAGE_FORMATS = ['scorm12', 'scorm2004'] as const satisfies readonly ScormVersion[];
export const EXPORT_FORMATS = [...RECORD_FORMATS, ...PACKAGE_FORMATS] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);


/**
 * Why rows were left out of an export (the `skipped` keys), in the words the admin area and the
 * CLI show. A key not listed here is shown as it is.
 */
export const SKIP_REASONS: Record<string, string> = {
  'no-username': 'people without the detail the LMS uses as their username',
  'no-course-mapping': 'completed modules with no LMS course codes in Settings',
  'username-starts-like-a-formula': 'usernames starting with =, +, - or @, which a spreadsheet would read as a formula (correct them in the person’s details)',
  'course-code-starts-like-a-formula': 'LMS course codes starting with =, +, - or @, which a spreadsheet would read as a formula (correct them in Settings)',
  'module-not-in-this-content': 'attempts at modules this version of the app no longer has',
  'no-cmi-kept': 'attempts whose SCORM data is no longer kept',
  'no-lms-address': "attempts, because the Trust's LMS address is not set",
};

/** A file handed to the preview page to download (the app saves through a dialog instead). */
export const Download = z.strictObject({ fileName: z.string(), mediaType: z.string(), base64: z.string() });

/**
 * No path crosses from the renderer: in the app main asks the user with its own save dialog; in
 * the browser preview the reply carries the files as downloads (up to PREVIEW_DOWNLOAD_LIMIT).
 */
export const ExportRunRequest = z
  .strictObject({
    format: ExportFormat,
    courseId: Slug.optional(),
    perModule: z.boolean().optional(),
  })
  .refine((r) => (r.format === 'scorm12' || r.format === 'scorm2004') || (r.courseId === undefined && r.perModule === undefined), {
    message: 'courseId and perModule apply to the scorm12 and scorm2004 packages only',
    path: ['format'],
  });

export const ExportRunReply = z.strictObject({
  exportId: z.string(),
  format: ExportFormat,
  /** The user closed the save dialog: nothing was written, nothing logged. */
  cancelled: z.boolean(),
  /** Where main wrote the files (app); empty in the preview. */
  savedTo: z.array(z.string()),
  files: z.array(z.strictObject({ name: z.string(), bytes: z.int().nonnegative() })),
  rows: z.int().nonnegative(),
  skipped: z.record(z.string(), z.int().nonnegative()),
  seconds: z.number().nonnegative(),
  downloads: z.array(Download),
});
export type ExportRunReply = z.infer<typeof ExportRunReply>;

export const DocumentReply = z.strictObject({
  fileName: z.string(),
  cancelled: z.boolean(),
  savedTo: z.string().nullable(),
  /** The document as a page for the browser's print (preview); the app prints it to PDF itself. */
  html: z.string(),
  /** The same document as PDF from the app's own writer, when no printToPDF is at hand. */
  download: Download.nullable(),
});
export type DocumentReply = z.infer<typeof DocumentReply>;

/** What a certificate says, as the admin area's lookup shows it (all text, dates in words). */
export const CertificateFacts = z.strictObject({
  number: z.string(),
  learnerId: z.string(),
  name: z.string(),
  school: z.string(),
  /** The role in words (Teaching staff). */
  role: z.string(),
  /** The course in plain words. */
  course: z.string(),
  passedOn: z.string(),
  score: z.int().nullable(),
  policyVersion: z.string(),
  acknowledgedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** Today: the current completion, expired, or replaced by a later pass. */
  standing: z.enum(['valid', 'expired', 'replaced']),
  standingText: z.string(),
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

export const exportsChannels = {
  /** What can be exported: formats and the courses a package may hold. Admin only. */
  'exports.options': {
    access: ACCESS.admin,
    request: z.strictObject({}),
    reply: z.strictObject({
      formats: z.array(
        z.strictObject({
          format: ExportFormat,
          label: z.string(),
          /** Why it cannot be made yet (say, no LMS course codes), with the settings that fix it; null when it can. */
          blocked: z.strictObject({ message: z.string(), fix: z.enum(['lms-settings']) }).nullable(),
        }),
      ),
      courses: z.array(z.strictObject({ courseId: z.string(), title: z.string(), audience: z.string(), modules: z.int() })),
      delivery: z.enum(['save-dialog', 'download']),
    }),
  },
  /** Runs one export (progress arrives as export.progress events). Admin only. */
  'exports.run': { access: ACCESS.admin, request: ExportRunRequest, reply: ExportRunReply },
  /** A staff member's certificate for a course they have completed. Admin only. */
  'exports.certificate': { access: ACCESS.admin, request: z.strictObject({ learnerId: Id, courseId: Slug }), reply: DocumentReply },
  /**
   * Checks a certificate by its number (as printed on it): what it certifies and whether it still
   * stands, or a plain problem (not a number; no such certificate on this PC). Admin only.
   */
  'exports.certificateLookup': {
    access: ACCESS.admin,
    request: z.strictObject({ number: z.string().max(40, 'a certificate number is 13 characters') }),
    reply: z.strictObject({ certificate: CertificateFacts.nullable(), problem: z.string().nullable() }),
  },
  /**
   * A saved new-account request (requests.create) as the rationale document for the Trust central
   * team: its author (learnerId, signed in) or the administrator (no learnerId).
   */
  'exports.rationale': { access: ACCESS.learnerOrAdmin, request: z.strictObject({ requestId: Id, learnerId: Id.optional() }), reply: DocumentReply },
} as const;
