import { z } from 'zod';
import { ACCESS } from '../access';

export const PolicyInfo = z.object({
  title: z.string(),
  owner: z.string(),
  /** The edition exactly as the document's own control table gives it. */
  edition: z.string(),
  /** The label the Trust uses (a setting); what learners acknowledge and records keep. */
  versionLabel: z.string(),
  approved: z.string(),
  nextReview: z.string(),
  /** True when the document's review date has passed: the admin area says so (learners are not the ones to act on it). */
  reviewOverdue: z.boolean(),
});
export type PolicyInfo = z.infer<typeof PolicyInfo>;

export const AppInfo = z.object({
  appVersion: z.string(),
  trustName: z.string(),
  policy: PolicyInfo,
  contentVersion: z.string(),
  /** The data folder's path: for the administrator (admin area unlocked, no learner signed in); null otherwise. */
  dataDir: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Empty = z.object({}).strict();

export const appChannels = {
  'app.info': { access: ACCESS.public, request: Empty, reply: AppInfo },
  /** The renderer's answer to an app.closing event: its final commit is durable, close now. */
  'app.closeReady': { access: ACCESS.public, request: Empty, reply: z.object({ closing: z.boolean() }) },
} as const;
