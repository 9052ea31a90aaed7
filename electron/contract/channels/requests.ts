import { z } from 'zod';
import { ACCESS } from '../access';
import { noControl } from '../text';
import { StaffRole } from './records';

const Id = z.uuid({ error: 'must be an id the app issued' });
/** A written answer keeps its line breaks and tabs; nothing else a keyboard does not type. */
const LINES = ['\n', '\t'];

/**
 * One field of the rationale. The message names the field in the policy's own words, so an error
 * says exactly which box to fill in (the dispatcher prefixes the field's key).
 */
const Required = (label: string, max: number) =>
  z
    .string({ error: `${label} must be filled in` })
    .trim()
    .min(1, `${label} must be filled in`)
    .max(max, `${label} must be at most ${max} characters`)
    .superRefine(noControl(label, LINES));
const Optional = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .superRefine(noControl(label, LINES))
    .default('');

/** The rationale the policy's "Process for creating new social media accounts" asks for. */
export const AccountRequestFields = z.strictObject({
  aim: Required('The aim of the account', 2000),
  audience: Required('The intended audience', 2000),
  promotion: Required('How the account will be promoted', 2000),
  runners: Required('Who will run the account', 1000),
  platform: Optional('The platform', 80),
  accountName: Optional('The proposed account name', 120),
});
export type AccountRequestFields = z.infer<typeof AccountRequestFields>;
export type AccountRequestInput = z.input<typeof AccountRequestFields>;
/** The four points the policy lists, in its order, with its wording (labels for the form and the document). */
export const RATIONALE_POINTS = [
  { field: 'aim', label: 'The aim of the account' },
  { field: 'audience', label: 'The intended audience' },
  { field: 'promotion', label: 'How the account will be promoted' },
  { field: 'runners', label: 'Who will run the account' },
] as const;

export const AccountRequestDocument = z.strictObject({
  /** A standalone HTML page (no scripts, no external resources) to print or save as PDF. */
  html: z.string(),
  text: z.string(),
  /** Suggested file name without extension, e.g. new-account-request-2026-11-27-football. */
  fileName: z.string(),
});

export const AccountRequest = z.strictObject({
  requestId: Id,
  createdAt: z.string(),
  requester: z.strictObject({ name: z.string(), role: StaffRole, roleLabel: z.string(), school: z.string() }),
  aim: z.string(),
  audience: z.string(),
  promotion: z.string(),
  runners: z.string(),
  platform: z.string(),
  accountName: z.string(),
  policyVersionLabel: z.string(),
  document: AccountRequestDocument,
});
export type AccountRequest = z.infer<typeof AccountRequest>;

export const AccountRequestSummary = AccountRequest.omit({ document: true });
export type AccountRequestSummary = z.infer<typeof AccountRequestSummary>;

/** A policy section as shown beside the form: the clauses' exact wording from the registry. */
export const RuleSection = z.strictObject({
  sectionId: z.string(),
  title: z.string(),
  clauses: z.array(z.strictObject({ clauseId: z.string(), text: z.string(), paraphrase: z.string() })),
});
export type RuleSection = z.infer<typeof RuleSection>;

export const requestsChannels = {
  /** A signed-in staff member saves a rationale; refused field by field when one is empty. */
  'requests.create': { access: ACCESS.learner, request: AccountRequestFields.extend({ learnerId: Id }), reply: AccountRequest },
  /** The learner's own requests, newest first. */
  'requests.mine': { access: ACCESS.learner, request: z.strictObject({ learnerId: Id }), reply: z.strictObject({ requests: z.array(AccountRequestSummary) }) },
  /** One request with its document: its author, or the administrator. */
  'requests.get': { access: ACCESS.learnerOrAdmin, request: z.strictObject({ requestId: Id, learnerId: Id.optional() }), reply: AccountRequest },
  /** Every request, newest first, for the administrator. */
  'requests.list': { access: ACCESS.admin, request: z.strictObject({}), reply: z.strictObject({ requests: z.array(AccountRequestSummary) }) },
  /** The policy's rules for official accounts, quoted from the clause registry, shown beside the form. */
  'requests.rules': { access: ACCESS.public, request: z.strictObject({}), reply: z.strictObject({ sections: z.array(RuleSection) }) },
} as const;
