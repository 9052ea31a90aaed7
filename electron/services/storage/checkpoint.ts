import type { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';

/**
 * WAL pages after which a COMMIT copies the WAL into the database itself (SQLite's own default is
 * 1,000). That copy and its fsync landed on whichever learner's commit crossed the line (a commit
 * of 3 ms took 450 ms under load); the records checkpoint in idle time instead (IdleCheckpoint),
 * and this larger limit is only the fallback for a long burst of writes with no pause (an import).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;
/** How long no write must have come before the WAL is copied into the database. */
export const CHECKPOINT_IDLE_MS = 1000;

/**
 * Copies the WAL into the database when writes pause (issue 19 item 2: the commit's p99), so no
 * commit waits for a checkpoint. PASSIVE: it never waits for a reader (a backup's worker) and
 * never blocks a writer; what it cannot copy now waits for the next pause. Durability is SQLite's
 * as before: the WAL was fsync'd at COMMIT, and a checkpoint fsyncs the database before the WAL is
 * reused.
 */
export class IdleCheckpoint {
  private timer: NodeJS.Timeout | null = null;
  private lastWrite = 0;
  private pending = false;

  constructor(
    private readonly db: DatabaseSync,
    private readonly idleMs = CHECKPOINT_IDLE_MS,
  ) {}

  /** A write was committed: checkpoint once none has come for `idleMs`. */
  written(): void {
    this.lastWrite = performance.now();
    this.pending = true;
    if (!this.timer) this.arm(this.idleMs);
  }

  /** Copies what the WAL holds now (the daily round calls it between its steps). */
  now(): void {
    if (!this.pending) return;
    this.pending = false;
    try {
      this.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch {
      // Closed meanwhile (the app quitting) or busy: the next pause, or SQLite's fallback, copies it.
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = false;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.fire(), ms);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    const quiet = performance.now() - this.lastWrite;
    if (quiet < this.idleMs) this.arm(this.idleMs - quiet);
    else this.now();
  }
}
