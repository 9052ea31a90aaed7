import type { PolicyMeta } from '@content/schema';

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The one approval date of the policy version in force, as every screen shows it (home, the
 * policy page, reminders): the date the administrator set for the version label, or else the
 * document's own words ("March 2023"), never a day the document does not give.
 */
export function policyApproval(meta: Pick<PolicyMeta, 'approved' | 'approvedIso'>, settings: { policyApprovalIso: string | null }): { iso: string; text: string } {
  if (settings.policyApprovalIso) return { iso: settings.policyApprovalIso, text: longDate.format(new Date(`${settings.policyApprovalIso}T00:00:00Z`)) };
  return { iso: meta.approvedIso, text: meta.approved };
}
