import type { WritableDb } from '../storage';

/**
 * The administrator's row as journal entries of the records store (records/entries.ts includes
 * them in its Entry union): the password hash, when the PC was set up and by what, and the
 * lock-out counter. Journalled like every record, so a PC rebuilt from its backup and journal is
 * still set up, keeps its password and does not forget a lock-out (issue 11 item 5). Each entry
 * sets absolute values, so applying it again changes nothing.
 */
export type AdminEntry =
  /** The PC is set up: the administrator's password hash (scrypt, never the password). */
  | { j: number; k: 'admin.create'; at: string; by: string; passwordHash: string }
  | { j: number; k: 'admin.password'; at: string; passwordHash: string }
  /** Wrong passwords in a row and the lock they earned (0 and null: cleared by a right password). */
  | { j: number; k: 'admin.lockout'; at: string; failures: number; lockedUntilMs: number | null };

/** An entry before the records store numbers it. */
export type NewAdminEntry = AdminEntry extends infer E ? (E extends { j: number } ? Omit<E, 'j'> : never) : never;

/** Writes through the records store: applied and fsync'd to its journal in one transaction. */
export type AdminWrite = (entry: NewAdminEntry) => void;

export function applyAdminEntry(db: WritableDb, e: AdminEntry): { applied: boolean } {
  switch (e.k) {
    case 'admin.create': {
      const r = db
        .prepare('INSERT OR IGNORE INTO admin_auth (id, password_hash, set_up_at, set_up_by, changed_at, failures) VALUES (1, ?, ?, ?, ?, 0)')
        .run(e.passwordHash, e.at, e.by, e.at);
      return { applied: r.changes > 0 };
    }
    case 'admin.password': {
      const r = db.prepare('UPDATE admin_auth SET password_hash = ?, changed_at = ? WHERE id = 1').run(e.passwordHash, e.at);
      return { applied: r.changes > 0 };
    }
    case 'admin.lockout': {
      const r = db
        .prepare('UPDATE admin_auth SET failures = ?, locked_until_ms = ? WHERE id = 1 AND (failures <> ? OR locked_until_ms IS NOT ?)')
        .run(e.failures, e.lockedUntilMs, e.failures, e.lockedUntilMs);
      return { applied: r.changes > 0 };
    }
  }
}
