import { z } from 'zod';
import { LmsMapping, LrsSettings, SafeguardingContacts, Settings } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import { noControl } from '@contract/text';
import { hashProblem } from '../admin';
import { contactsOutsideSchools } from '../settings';

export const SETUP_FILE_KIND = 'leap-induction-setup';
/** The name the app looks for in the data folder at first start. */
export const SETUP_FILE_NAME = 'induction-setup.json';
/**
 * The largest set-up file read: `npm run setup` writes about 1 KB, and 100 schools and a course
 * code for every module stay under 20 KB; anything larger is not a set-up file.
 */
export const SETUP_FILE_MAX_BYTES = 64 * 1024;

/**
 * What IT copies to many PCs: the Trust's settings and the administrator password's scrypt hash.
 * The password itself never appears: a key named like one is refused outright.
 */
export const SetupFile = z.strictObject({
  kind: z.literal(SETUP_FILE_KIND, { error: `must be "${SETUP_FILE_KIND}"` }),
  formatVersion: z.literal(1, { error: 'must be 1 (the only format this app reads)' }),
  trustName: Settings.shape.trustName,
  schools: Settings.shape.schools.refine((l) => l.length > 0, 'list at least one school'),
  policyVersionLabel: Settings.shape.policyVersionLabel,
  lms: LmsMapping.optional(),
  /** The Trust's LRS (docs/it-many-pcs.md): its address and the path of the key file (key:secret), absolute or from the data folder. */
  lrs: LrsSettings.optional(),
  /** Each school's DSL, deputies, out-of-hours route and LADO (docs/it-many-pcs.md); schools it names must be listed above. */
  safeguardingContacts: SafeguardingContacts.optional(),
  adminPasswordHash: z.string().superRefine((hash, ctx) => {
    const problem = hashProblem(hash);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Informational: when and by what the file was written. */
  writtenAt: z.string().max(100).superRefine(noControl()).optional(),
  writtenBy: z.string().max(200).superRefine(noControl()).optional(),
});
export type SetupFile = z.infer<typeof SetupFile>;

const FORBIDDEN_KEYS = /^(admin)?_?pass(word)?$|^adminPassword$/i;

/** Every problem with the file, one line each, naming the file and the field. */
export function parseSetupFile(text: string, where: string): SetupFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ServiceError('invalid-request', `${where}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ServiceError('invalid-request', `${where}: must be a JSON object with kind "${SETUP_FILE_KIND}"`);
  }
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.test(key)) {
      problems.push(`${where}: ${key}: a set-up file must never hold the password itself; give adminPasswordHash (npm run setup writes it)`);
    }
  }
  const parsed = SetupFile.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length ? issue.path.map(String).join('.') : '(file)';
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          if (!FORBIDDEN_KEYS.test(key)) problems.push(`${where}: ${[...issue.path.map(String), key].join('.')}: is not a set-up field`);
        }
      } else {
        problems.push(`${where}: ${field}: ${issue.message}`);
      }
    }
  }
  if (parsed.success) {
    for (const school of contactsOutsideSchools({ schools: parsed.data.schools, safeguardingContacts: parsed.data.safeguardingContacts ?? [] })) {
      problems.push(`${where}: safeguardingContacts: "${school}" is not in schools; list the school there, or spell it the same way`);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ServiceError('invalid-request', `The set-up file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

export function renderSetupFile(input: Omit<SetupFile, 'kind' | 'formatVersion'>): string {
  const file: SetupFile = { kind: SETUP_FILE_KIND, formatVersion: 1, ...input };
  return `${JSON.stringify(SetupFile.parse(file), null, 2)}\n`;
}
