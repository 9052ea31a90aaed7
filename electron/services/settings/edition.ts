import type { DatabaseSync } from 'node:sqlite';
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
 */
export function followBundleEdition(db: DatabaseSync, settings: SettingsService, policy: PolicyMeta): EditionChange | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SEEN_KEY) as { value: string } | undefined;
  const seen = row ? (JSON.parse(row.value) as string) : FIRST_BUNDLED_EDITION;
  let change: EditionChange | null = null;
  if (seen !== policy.edition) {
    const from = settings.get().policyVersionLabel;
    if (from !== policy.edition) {
      settings.set({ policyVersionLabel: policy.edition, policyApprovalIso: null });
      change = { from, to: policy.edition };
    }
  }
  if (!row || seen !== policy.edition) {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SEEN_KEY, JSON.stringify(policy.edition));
  }
  return change;
}
