import type { WritableDb } from '../storage';

/** What the sender remembers between runs (and the admin area shows). */
export interface SenderState {
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  /** Set after 401/403: automatic sending waits until the settings change or someone sends by hand. */
  stoppedFor: string | null;
  failuresInARow: number;
}

export const EMPTY_STATE: SenderState = { lastSuccessAt: null, lastError: null, stoppedFor: null, failuresInARow: 0 };

/**
 * The sender's bookkeeping as journal entries of the records store (records/entries.ts includes
 * them in its Entry union): only the store writes, and every write is journalled. So a PC restored
 * from a backup and its journal knows what the LRS already holds (it does not send it all again)
 * and what was set aside and why. Each apply is idempotent, as replay requires.
 */
export type LrsEntry =
  /** The LRS answered 200/204 for a batch: these attempts are held there. */
  | { j: number; k: 'lrs.sent'; at: string; attemptIds: string[] }
  /** The LRS will never take this attempt as it is (409, 400, 413), or it has no statements: kept, not retried by itself. */
  | { j: number; k: 'lrs.setAside'; at: string; attemptId: string; reason: string }
  /** The administrator asked to try attempts set aside again (after correcting what was wrong). */
  | { j: number; k: 'lrs.retry'; at: string; attemptIds: string[] }
  /** The sender's state after a run or a failure (last success, last error, stopped, failures in a row). */
  | { j: number; k: 'lrs.state'; at: string; state: SenderState };

export const LRS_STATE_KEY = 'lrs_sender';

export function applyLrsEntry(db: WritableDb, e: LrsEntry): { applied: boolean } {
  switch (e.k) {
    case 'lrs.sent': {
      const mark = db.prepare('UPDATE lrs_outbox SET sent_at = ? WHERE attempt_id = ? AND sent_at IS NULL');
      let n = 0;
      for (const id of e.attemptIds) n += Number(mark.run(e.at, id).changes);
      return { applied: n > 0 };
    }
    case 'lrs.setAside': {
      const r = db.prepare('UPDATE lrs_outbox SET set_aside_at = ?, set_aside_reason = ? WHERE attempt_id = ? AND sent_at IS NULL AND set_aside_at IS NULL').run(e.at, e.reason, e.attemptId);
      return { applied: r.changes > 0 };
    }
    case 'lrs.retry': {
      const clear = db.prepare('UPDATE lrs_outbox SET set_aside_at = NULL, set_aside_reason = NULL WHERE attempt_id = ? AND set_aside_at IS NOT NULL AND set_aside_at <= ?');
      let n = 0;
      for (const id of e.attemptIds) n += Number(clear.run(id, e.at).changes);
      return { applied: n > 0 };
    }
    case 'lrs.state': {
      const r = db
        .prepare('INSERT INTO records_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(LRS_STATE_KEY, JSON.stringify(e.state));
      return { applied: r.changes > 0 };
    }
  }
}

/**
 * What erasing a person leaves of the sender's entries: their attempts taken out of sent marks,
 * their set-asides and any state whose last error names one of their attempts gone (an LRS's
 * words may quote the person). Null: the entry goes (void); otherwise the entry as it stays.
 */
export function lrsEntryAfterErasure(e: LrsEntry, erasedAttemptIds: ReadonlySet<string>): LrsEntry | null {
  const names = (text: string | undefined | null): boolean => text != null && [...erasedAttemptIds].some((id) => text.includes(id));
  switch (e.k) {
    case 'lrs.sent':
    case 'lrs.retry': {
      const kept = e.attemptIds.filter((id) => !erasedAttemptIds.has(id));
      if (kept.length === e.attemptIds.length) return e;
      return kept.length ? { ...e, attemptIds: kept } : null;
    }
    case 'lrs.setAside':
      return erasedAttemptIds.has(e.attemptId) ? null : e;
    case 'lrs.state':
      return names(e.state.lastError?.message) || names(e.state.stoppedFor) ? null : e;
  }
}

/** At an erasure (records/entries.ts): the sender's last error is cleared when it names one of the person's attempts. */
export function scrubLrsState(db: WritableDb, attemptIds: readonly string[]): void {
  const row = db.prepare('SELECT value FROM records_meta WHERE key = ?').get(LRS_STATE_KEY) as { value: string } | undefined;
  if (!row || attemptIds.length === 0) return;
  const names = (text: string | null | undefined): boolean => text != null && attemptIds.some((id) => text.includes(id));
  let state: SenderState;
  try {
    state = { ...EMPTY_STATE, ...(JSON.parse(row.value) as Partial<SenderState>) };
  } catch {
    return;
  }
  if (!names(state.lastError?.message) && !names(state.stoppedFor)) return;
  const next: SenderState = { ...state, lastError: names(state.lastError?.message) ? null : state.lastError, stoppedFor: names(state.stoppedFor) ? null : state.stoppedFor };
  db.prepare('UPDATE records_meta SET value = ? WHERE key = ?').run(JSON.stringify(next), LRS_STATE_KEY);
}

/** An entry before the records store gives it its journal number. */
export type NewLrsEntry = LrsEntry extends infer E ? (E extends { j: number } ? Omit<E, 'j'> : never) : never;
