import { prepared, type ReadableDb } from '../storage';
import { Settings, SettingsPatch } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import { deepFreeze } from '@contract/frozen';
import { settingsEntriesApplied, type SettingsWrite } from './journal-entries';

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

type SettingRow = { key: string; value: string };

const settingRows = (db: ReadableDb): SettingRow[] => prepared(db, 'SELECT key, value FROM settings').all() as SettingRow[];

/** Moves whenever another connection commits to the database (on the read-only reader, every write). */
const dataVersion = (db: ReadableDb): number => (prepared(db, 'PRAGMA data_version').get() as { data_version: number }).data_version;

/** Reads the stored settings (one JSON value per key), defaults for the rest. */
export function readSettings(db: ReadableDb): Settings {
  return settingsOf(settingRows(db));
}

function settingsOf(rows: readonly SettingRow[]): Settings {
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

/**
 * Settings live as one JSON value per key, so adding a setting needs no migration. They are read
 * here and written only as journalled entries of the records store (`write`), like every record.
 */
export class SettingsService {
  constructor(
    private readonly db: ReadableDb,
    private readonly write: SettingsWrite,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get(): Settings {
    return readSettings(this.db);
  }

  /**
   * What `current()` last read: the settings, the count of settings entries applied when it read
   * them, and the connection's data_version then, or null once read again after a commit since.
   */
  private last: { entries: number; settings: Readonly<Settings>; dataVersion: number | null } | null = null;

  /**
   * The settings for a hot path that only reads them (every commit's reply fills its items with the
   * Trust's name and policy label): read again only after a settings entry was applied, not on
   * every call (reading and comparing the rows took about 15 µs of a commit, issue 19). Frozen, as
   * it is shared.
   *
   * `db` is the records' read-only connection, which sees committed rows only, and an entry is
   * applied inside the writer's transaction, before its COMMIT: a read in between would keep the
   * rows from before it. One transaction writes at a time (one writer, the folder locked), so the
   * first commit this connection sees after such a read ends that transaction (committed, or
   * rolled back before a later one): the rows are read once more then, and kept.
   */
  current(): Readonly<Settings> {
    const entries = settingsEntriesApplied();
    const last = this.last;
    if (last?.entries === entries) {
      if (last.dataVersion === null) return last.settings;
      if (dataVersion(this.db) === last.dataVersion) return last.settings;
      return this.readCurrent(entries, null);
    }
    return this.readCurrent(entries, dataVersion(this.db));
  }

  private readCurrent(entries: number, version: number | null): Readonly<Settings> {
    // A copy: the parse may hand back the defaults themselves, which are not to be frozen.
    const settings = deepFreeze(structuredClone(readSettings(this.db)));
    // Inside a transaction of its own (a writer as `db`, which no caller passes) it may see rows not yet committed: not kept.
    this.last = this.db.isTransaction ? null : { entries, settings, dataVersion: version };
    return settings;
  }

  set(patch: SettingsPatch): Settings {
    const valid = SettingsPatch.parse(patch);
    const next = checked(Settings.parse({ ...this.get(), ...valid }));
    this.write({ k: 'settings.set', at: this.clock().toISOString(), values: valid });
    return next;
  }

  /** A value kept beside the settings that nobody sets by hand (edition.ts), journalled the same way. */
  stored(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  /** Sets `patch` and the bookkeeping `extra` keys in one journalled entry. */
  setWith(patch: SettingsPatch, extra: Record<string, unknown>): Settings {
    const valid = SettingsPatch.parse(patch);
    const next = checked(Settings.parse({ ...this.get(), ...valid }));
    this.write({ k: 'settings.set', at: this.clock().toISOString(), values: { ...valid, ...extra } });
    return next;
  }
}

/** Settings that parse but contradict each other (a contact for a school the Trust does not list). */
function checked(next: Settings): Settings {
  const stray = contactsOutsideSchools(next);
  if (stray.length > 0) {
    throw new ServiceError('invalid-request', `safeguardingContacts: ${stray.map((s) => `"${s}"`).join(', ')} ${stray.length === 1 ? 'is' : 'are'} not in the list of schools`);
  }
  return next;
}
