import type { AppInfo, PolicyInfo } from '../contract/channels/app';
import type { Settings } from '../contract/channels/settings';

import type { PolicyMeta } from '@content/schema';
import { policyApproval } from '../services/settings';

/**
 * The document gives its review date in words ("Summer 2024"); the review counts as overdue
 * after the end of that season (or month, or year).
 */
export function reviewDueDate(nextReview: string): Date | null {
  const season = /^(spring|summer|autumn|winter)\s+(\d{4})$/i.exec(nextReview.trim());
  if (season) {
    const ends: Record<string, [number, number]> = { spring: [4, 31], summer: [7, 31], autumn: [11, 31], winter: [1, 28] };
    const [month, day] = ends[season[1]!.toLowerCase()]!;
    return new Date(Date.UTC(Number(season[2]), month, day, 23, 59, 59));
  }
  const parsed = Date.parse(nextReview);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/**
 * Past the document's review date, unless the administrator has since recorded the approval of a
 * version after it (the review happened; the new document's own date arrives with its text).
 */
function reviewOverdue(nextReview: string, approvalIso: string | null, now: Date): boolean {
  const due = reviewDueDate(nextReview)?.getTime() ?? Infinity;
  if (due >= now.getTime()) return false;
  return !(approvalIso && Date.parse(`${approvalIso}T00:00:00Z`) > due);
}

export function policyInfo(meta: PolicyMeta, settings: Settings, now: Date): PolicyInfo {
  return {
    title: meta.title,
    owner: meta.owner,
    edition: meta.edition,
    versionLabel: settings.policyVersionLabel,
    approved: policyApproval(meta, settings).text,
    nextReview: meta.nextReview,
    reviewOverdue: reviewOverdue(meta.nextReview, settings.policyApprovalIso, now),
  };
}

export function appInfo(input: {
  appVersion: string;
  dataDir: string | null;
  contentVersion: string;
  meta: PolicyMeta;
  settings: Settings;
  now: Date;
}): AppInfo {
  return {
    appVersion: input.appVersion,
    trustName: input.settings.trustName,
    policy: policyInfo(input.meta, input.settings, input.now),
    contentVersion: input.contentVersion,
    dataDir: input.dataDir,
  };
}
