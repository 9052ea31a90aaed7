import { prepared, type ReadableDb } from '../storage';
import type { AdminWrite } from './journal-entries';

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

/** The admin_auth row (migration 2), or null before the PC is set up. */
export function readAdminRow(db: ReadableDb): AdminRow | null {
  const row = prepared(db, 'SELECT * FROM admin_auth WHERE id = 1').get() as RawRow | undefined;
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

/**
 * The one place the hash and the failure counter live: read from the database, changed only as
 * journalled entries of the records store (journal-entries.ts). The row itself is created by the
 * set-up (setup/apply.ts), in the same transaction as the Trust's settings.
 */
export class AdminStore {
  constructor(
    private readonly db: ReadableDb,
    private readonly write: AdminWrite,
  ) {}

  read(): AdminRow | null {
    return readAdminRow(this.db);
  }

  changeHash(hash: string, now: Date): void {
    this.write({ k: 'admin.password', at: now.toISOString(), passwordHash: hash });
  }

  recordFailure(failures: number, lockedUntilMs: number | null, now: Date): void {
    this.write({ k: 'admin.lockout', at: now.toISOString(), failures, lockedUntilMs });
  }

  clearFailures(now: Date): void {
    this.write({ k: 'admin.lockout', at: now.toISOString(), failures: 0, lockedUntilMs: null });
  }
}
