import type { DatabaseSync } from 'node:sqlite';
import { Settings, SettingsPatch } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';

export const DEFAULT_SETTINGS: Settings = {
  trustName: 'Leading Edge Academies Partnership',
  schools: [],
  // The document's own control table lists only edition 0.1; the Trust sets the label it uses.
  policyVersionLabel: '0.1',
  dueDays: 14,
  expiryMonths: 12,
  expiringDays: 30,
  retrievalAfterDays: 14,
  policyApprovalIso: null,
  // Not set until the Trust says: the set-up file or the admin area. Exports that need them say so.
  lms: { usernameField: null, homePage: null, courses: {} },
  adminIdleMinutes: 10,
  // The in-app LMS speaks SCORM 2004 unless the Trust's LMS is 1.2 and records should match it.
  scormVersion: 'scorm2004',
  // Off: a Trust turns sending to its LRS on in the set-up file or the admin area.
  lrs: { endpoint: null, keyFile: null },
  // Names and numbers are the schools' to give (admin area or set-up file); until then, roles only.
  safeguardingContacts: [],
};

/** Contacts for a school the Trust does not list (when it lists any): a typo nobody would ever see. */
export function contactsOutsideSchools(s: Pick<Settings, 'schools' | 'safeguardingContacts'>): string[] {
  if (s.schools.length === 0) return [];
  const listed = new Set(s.schools.map((x) => x.toLowerCase()));
  return s.safeguardingContacts.map((c) => c.school).filter((name) => !listed.has(name.toLowerCase()));
}

const RETIRED_PLACEHOLDER = 'https://lms.example.org';

/** Settings live as one JSON value per key, so adding a setting needs no migration. */
export class SettingsService {
  constructor(private readonly db: DatabaseSync) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = JSON.parse(row.value);
    const merged = { ...DEFAULT_SETTINGS, ...stored };
    // Earlier versions saved a made-up address from the form's default; it was never the Trust's.
    if (merged.lms && typeof merged.lms === 'object' && (merged.lms as { homePage?: unknown }).homePage === RETIRED_PLACEHOLDER) {
      merged.lms = { ...(merged.lms as object), homePage: null } as Settings['lms'];
    }
    const parsed = Settings.safeParse(merged);
    // A value written by a newer or damaged app falls back to the default rather than locking everyone out.
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  set(patch: SettingsPatch): Settings {
    const valid = SettingsPatch.parse(patch);
    const next = Settings.parse({ ...this.get(), ...valid });
    const stray = contactsOutsideSchools(next);
    if (stray.length > 0) {
      throw new ServiceError('invalid-request', `safeguardingContacts: ${stray.map((s) => `"${s}"`).join(', ')} ${stray.length === 1 ? 'is' : 'are'} not in the list of schools`);
    }
    const put = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const [key, value] of Object.entries(valid)) put.run(key, JSON.stringify(value));
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
    return next;
  }
}
