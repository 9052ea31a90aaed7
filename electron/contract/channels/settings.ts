import { z } from 'zod';
import { ACCESS } from '../access';
import { SCORM_VERSIONS } from '@content/scorm';
import { noControl } from '../text';


const Name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .superRefine(noControl());

const LmsCode = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .superRefine(noControl())
  .refine((s) => !/[,"]/.test(s), 'must not contain commas or quotes');

/** A UK phone number as people write it: digits, spaces, + ( ) and -, with at least 3 digits. */
const Phone = z
  .string()
  .trim()
  .min(3, 'must be a phone number')
  .max(30, 'must be at most 30 characters')
  .refine((s) => /^[0-9+()\s-]+$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 3, 'must be a phone number: digits, spaces, + ( ) and - only');

/** A line of plain text a person reads (no control characters). */
const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine(noControl());

export const ContactPerson = z.strictObject({ name: Name, phone: Phone });
export type ContactPerson = z.infer<typeof ContactPerson>;

/**
 * "Who do I tell?" with names (issue 14 item 4): one school's designated safeguarding lead, their
 * deputies, the route out of school hours and the local authority designated officer (LADO).
 */
export const SchoolContacts = z.strictObject({
  school: Name,
  dsl: ContactPerson,
  deputies: z.array(ContactPerson).max(6, 'at most 6 deputies'),
  /** Out of school hours: what to do, and the number to call when there is one. */
  outOfHours: z.strictObject({ how: Line(200), phone: Phone.nullable() }).nullable(),
  /** The local authority designated officer: a named officer or the LADO team, and their number. */
  lado: ContactPerson.nullable(),
});
export type SchoolContacts = z.infer<typeof SchoolContacts>;

export const SafeguardingContacts = z
  .array(SchoolContacts)
  .max(100, 'at most 100 schools')
  .refine((list) => new Set(list.map((c) => c.school.toLowerCase())).size === list.length, 'one entry per school');

/** A web address as typed: no control character, checked before the URL parser drops tabs and line breaks (and keeps a NUL). */
const TypedUrl = (url: z.ZodURL) => z.string().superRefine(noControl()).pipe(url);

export const LmsMapping = z.strictObject({
  /** Which learner field the LMS uses as the username (Totara `username`, xAPI account name); null until chosen. */
  usernameField: z.enum(['workEmail', 'staffId']).nullable(),
  /** The xAPI actor account's homePage: the Trust's LMS address; null until set (never a made-up one). */
  homePage: TypedUrl(z.url({ protocol: /^https?$/, error: "must be the LMS's web address, starting with https://" })).nullable(),
  /** Per module id: the LMS course's short name and id number (Totara upload columns). */
  courses: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'module ids are lower-case'), z.strictObject({ shortName: LmsCode, idNumber: LmsCode })),
});
export type LmsMapping = z.infer<typeof LmsMapping>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The Trust's LRS (docs/it-many-pcs.md): its xAPI address, https (plain http only to this PC
 * itself), and where this PC's key and secret are kept when the app's own sealed copy is not used:
 * a key file given by path (one line key:secret), read when sending. endpoint null: sending is off.
 */
export const LrsSettings = z.strictObject({
  endpoint: TypedUrl(z.url({ protocol: /^https?$/, error: 'must be the LRS xAPI address, such as https://lrs.example.org/xapi/' }))
    .refine((u) => {
      const url = new URL(u);
      return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
    }, 'must start with https:// (plain http only to this PC itself)')
    .refine((u) => {
      const url = new URL(u);
      return !url.username && !url.password && !url.search && !url.hash;
    }, 'must not hold a user name, secret, ? query or # part')
    .nullable(),
  keyFile: z.string().trim().min(1).max(1000).superRefine(noControl()).nullable(),
});
export type LrsSettings = z.infer<typeof LrsSettings>;

export const Settings = z.object({
  trustName: Name,
  schools: z
    .array(Name)
    .max(100, 'at most 100 schools')
    .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, 'school names must be unique'),
  /** The policy version label learners acknowledge (the document itself says edition 0.1). */
  policyVersionLabel: z.string().trim().min(1).max(40).superRefine(noControl()),
  // The compliance cycle (docs/compliance.md; electron/services/compliance).
  /** Days after a learner's first sign-in by which their assigned modules are due. */
  dueDays: z.int().min(1).max(365),
  /** Months after a pass (or a refresher pass) at which the completion expires. */
  expiryMonths: z.int().min(1).max(60),
  /** Days before expiry from which the completion counts as expiring and the refresher is offered. */
  expiringDays: z.int().min(0).max(180),
  /** Days after a pass from which the short retrieval check is offered at sign-in. */
  retrievalAfterDays: z.int().min(1).max(365),
  /** Approval date (YYYY-MM-DD) of the version in policyVersionLabel; null = the document's own date. */
  policyApprovalIso: z.iso.date().nullable(),
  /** How HR's LMS knows people and courses (Totara upload, xAPI actor); set by the admin or the set-up file. */
  lms: LmsMapping,
  /** Minutes without an admin action after which main locks the admin area again. */
  adminIdleMinutes: z.number().int().min(1, 'at least 1 minute').max(120, 'at most 120 minutes'),
  /** Which scorm-again API hosts lessons in the app (the player speaks both). */
  scormVersion: z.enum(SCORM_VERSIONS),
  /** Sending finished staff attempts to the Trust's LRS (off until IT sets an endpoint). */
  lrs: LrsSettings,
  /** Each school's safeguarding people; a school without an entry shows the roles only. */
  safeguardingContacts: SafeguardingContacts,
});
export type Settings = z.infer<typeof Settings>;

/** A partial update: only the keys given change; each is validated as above. */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settingsChannels = {
  'settings.get': { access: ACCESS.public, request: z.object({}).strict(), reply: Settings },
  'settings.set': { access: ACCESS.admin, request: SettingsPatch, reply: Settings },
} as const;
