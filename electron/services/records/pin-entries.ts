import { prepared, type WritableDb } from '../storage';

/**
 * A PIN's state as journal entries of the records store (entries.ts includes them in its Entry
 * union): a wrong PIN counted (and the lock it set), the count cleared by a right PIN, and an
 * administrator's reset. Journalled like every record, so neither a restart nor a database lost and
 * rebuilt from its journal unlocks a PIN or brings back a PIN the administrator replaced. Each
 * apply sets absolute values, so a replay is idempotent.
 */
export type PinEntry =
  | { j: number; k: 'pin.failed'; learnerId: string; at: string; failures: number; lockedUntil: string | null }
  | { j: number; k: 'pin.cleared'; learnerId: string; at: string }
  | { j: number; k: 'pin.reset'; learnerId: string; at: string; pinHash: string };

export function applyPinEntry(db: WritableDb, e: PinEntry): { applied: boolean } {
  switch (e.k) {
    case 'pin.failed':
      return { applied: Number(prepared(db, 'UPDATE learners SET pin_failures = ?, pin_locked_until = ? WHERE id = ?').run(e.failures, e.lockedUntil, e.learnerId).changes) > 0 };
    case 'pin.cleared':
      return { applied: Number(prepared(db, 'UPDATE learners SET pin_failures = 0, pin_locked_until = NULL WHERE id = ?').run(e.learnerId).changes) > 0 };
    case 'pin.reset':
      return {
        applied: Number(prepared(db, 'UPDATE learners SET pin_hash = ?, pin_failures = 0, pin_locked_until = NULL WHERE id = ?').run(e.pinHash, e.learnerId).changes) > 0,
      };
  }
}
