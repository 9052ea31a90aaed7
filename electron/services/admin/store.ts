import type { DatabaseSync } from 'node:sqlite';

export interface AdminRow {
  passwordHash: string;
  setUpAt: string;
  setUpBy: string;
  changedAt: string;
  failures: number;
  lockedUntilMs: number | null;
}

interface RawRow {
  password_hash: string;
  set_up_at: string;
  set_up_by: string;
  changed_at: string;
  failures: number;
  locked_until_ms: number | null;
}

/** The admin_auth row (migration 2): the one place the hash and the failure counter live. */
export class AdminStore {
  constructor(private readonly db: DatabaseSync) {}

  read(): AdminRow | null {
    const row = this.db.prepare('SELECT * FROM admin_auth WHERE id = 1').get() as RawRow | undefined;
    if (!row) return null;
    return {
      passwordHash: row.password_hash,
      setUpAt: row.set_up_at,
      setUpBy: row.set_up_by,
      changedAt: row.changed_at,
      failures: row.failures,
      lockedUntilMs: row.locked_until_ms,
    };
  }

  /** First set-up only; the caller holds the transaction that also writes the settings. */
  create(hash: string, now: Date, by: string): void {
    this.db
      .prepare(
        'INSERT INTO admin_auth (id, password_hash, set_up_at, set_up_by, changed_at, failures) VALUES (1, ?, ?, ?, ?, 0)',
      )
      .run(hash, now.toISOString(), by, now.toISOString());
  }

  changeHash(hash: string, now: Date): void {
    this.db.prepare('UPDATE admin_auth SET password_hash = ?, changed_at = ? WHERE id = 1').run(hash, now.toISOString());
  }

  recordFailure(failures: number, lockedUntilMs: number | null): void {
    this.db.prepare('UPDATE admin_auth SET failures = ?, locked_until_ms = ? WHERE id = 1').run(failures, lockedUntilMs);
  }

  clearFailures(): void {
    this.db.prepare('UPDATE admin_auth SET failures = 0, locked_until_ms = NULL WHERE id = 1').run();
  }
}
