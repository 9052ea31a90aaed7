import type { WritableDb } from '../storage';

/**
 * The Trust's settings as journal entries of the records store (records/entries.ts includes them in
 * its Entry union): only the store writes, and every write is journalled, so a PC rebuilt from its
 * backup and journal comes back with the settings it had (issue 11 item 5). Idempotent, as replay
 * requires: each entry sets the keys it names to the values it carries.
 */
export type SettingsEntry = { j: number; k: 'settings.set'; at: string; values: Record<string, unknown> };

/** An entry before the records store numbers it. */
export type NewSettingsEntry = Omit<SettingsEntry, 'j'>;

/** Writes through the records store: applied and fsync'd to its journal in one transaction. */
export type SettingsWrite = (entry: NewSettingsEntry) => void;

/** records_meta's mark that every settings and administrator row of this database is journalled (records/config-journal.ts). */
export const CONFIG_JOURNALLED_KEY = 'config_journalled';

/**
 * Settings entries applied by this process, to any records database (every settings write comes
 * here: the store's writes and batches, and the journal's replay at start-up). SettingsService.current()
 * keeps what it read until this moves.
 */
let entriesApplied = 0;
export const settingsEntriesApplied = (): number => entriesApplied;

export function applySettingsEntry(db: WritableDb, e: SettingsEntry): { applied: boolean } {
  entriesApplied++;
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value');
  let n = 0;
  for (const [key, value] of Object.entries(e.values)) n += Number(put.run(key, JSON.stringify(value)).changes);
  return { applied: n > 0 };
}
