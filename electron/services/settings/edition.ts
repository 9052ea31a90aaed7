import type { PolicyMeta } from '@content/schema';
import type { SettingsService } from './service';

// Which edition of the policy the content last brought: kept beside the settings (not one of them:
// nobody sets it) so a new edition is noticed once, when a bundle carrying it first opens the records.
const SEEN_KEY = 'bundlePolicyEdition';
/** Every bundle before editions were adopted (content:policy-adopt) carried the document's edition 0.1. */
export const FIRST_BUNDLED_EDITION = '0.1';

export interface EditionChange {
  from: string;
  to: string;
}

/**
 * When the content carries a new edition of the policy, it becomes the version learners
 * acknowledge (settings policyVersionLabel, with the edition's own approval date): everyone holding
 * a completion is then offered its "What changed" update. A label the administrator set by hand
 * stands until the next edition arrives. Returns the change, or null when there was none.
 * The label and the edition seen are one journalled entry.
 */
export function followBundleEdition(settings: SettingsService, policy: PolicyMeta): EditionChange | null {
  const stored = settings.stored(SEEN_KEY);
  const seen = typeof stored === 'string' ? stored : FIRST_BUNDLED_EDITION;
  if (stored !== undefined && seen === policy.edition) return null;
  const from = settings.get().policyVersionLabel;
  if (seen !== policy.edition && from !== policy.edition) {
    settings.setWith({ policyVersionLabel: policy.edition, policyApprovalIso: null }, { [SEEN_KEY]: policy.edition });
    return { from, to: policy.edition };
  }
  settings.setWith({}, { [SEEN_KEY]: policy.edition });
  return null;
}
