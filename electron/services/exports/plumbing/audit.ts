import type { DatabaseSync } from 'node:sqlite';

export interface AuditEntry {
  at: string;
  /** Who asked: 'admin' (the unlocked admin area), 'cli' (npm run export), 'app-cli' (the app's --export). */
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** A writer for the records store's append-only audit log (one entry per export). */
export type AuditWriter = (entry: AuditEntry) => void;

/** Straight into audit_log (schema v3), for when no records service is there to journal it. */
export const sqlAuditWriter =
  (db: DatabaseSync): AuditWriter =>
  (e) => {
    db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(e.at, e.actor, e.action, JSON.stringify(e.detail));
  };
