import { CONFIG_JOURNALLED_KEY } from '../settings/journal-entries';
import { prepared, type ReadableDb } from '../storage';
import type { NewEntry } from './entries';
import type { RecordsStore } from './store';

/**
 * Settings and the administrator's row were once written to the database alone (before issue 11
 * item 5): a data folder from then holds them in no journal line, so losing its database would
 * lose its set-up. The first start after the upgrade journals what the database holds, once, in
 * one transaction with the mark that says it is done. A new database has nothing to journal (its
 * first settings entry marks it); one rebuilt from the journal is marked by replaying those entries.
 */
export function journalConfigOnce(store: RecordsStore): number {
  const db = store.reader;
  if (prepared(db, 'SELECT 1 FROM records_meta WHERE key = ?').get(CONFIG_JOURNALLED_KEY)) return 0;
  // Nothing held yet (a new database): the first settings entry will mark it when it is applied.
  if (configEntries(db, store.nowIso()).length === 0) return 0;
  return store.writeBatch((tx, write) => {
    const entries = configEntries(tx, store.nowIso());
    // Applying them marks the database (records/entries.ts markConfigJournalled), in this transaction.
    for (const e of entries) write(e);
    return entries.length;
  });
}

function configEntries(db: ReadableDb, at: string): NewEntry[] {
  const entries: NewEntry[] = [];
  const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
  if (rows.length > 0) entries.push({ k: 'settings.set', at, values: Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown])) });
  const admin = db.prepare('SELECT password_hash, set_up_at, set_up_by, changed_at, failures, locked_until_ms FROM admin_auth WHERE id = 1').get() as
    | { password_hash: string; set_up_at: string; set_up_by: string; changed_at: string; failures: number; locked_until_ms: number | null }
    | undefined;
  if (admin) {
    entries.push({ k: 'admin.create', at: admin.set_up_at, by: admin.set_up_by, passwordHash: admin.password_hash });
    if (admin.changed_at !== admin.set_up_at) entries.push({ k: 'admin.password', at: admin.changed_at, passwordHash: admin.password_hash });
    if (admin.failures > 0 || admin.locked_until_ms !== null) entries.push({ k: 'admin.lockout', at, failures: admin.failures, lockedUntilMs: admin.locked_until_ms });
  }
  return entries;
}
