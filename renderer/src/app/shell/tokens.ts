import type { AppInfo } from '@contract';

/**
 * What the app shell is rendered with in place of main's `app.info` reply: each shown value is a
 * token naming its field, which public/boot.js replaces (as text) with the reply's value before
 * the shell is shown. The fields the first screen does not show keep plain values.
 */
const token = (field: string): string => `%%${field}%%`;

export const SHELL_INFO: AppInfo = {
  appVersion: '',
  trustName: token('trustName'),
  policy: {
    title: token('policy.title'),
    owner: '',
    edition: '',
    versionLabel: token('policy.versionLabel'),
    approved: token('policy.approved'),
    nextReview: token('policy.nextReview'),
    reviewOverdue: false,
  },
  contentVersion: '',
  dataDir: null,
};
