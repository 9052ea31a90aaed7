import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v7: the Trust's LRS outbox and where imported records came from. Released: never
 * edit, add a new migration instead.
 *
 * lrs_outbox: one row per finished staff attempt, added in the same transaction as the commit
 * that finished it (records/entries.ts applyCommit), so no finished attempt is ever missed by the
 * sender, whether sending is on yet or not. The statements are built when sent, with the ids of
 * the xAPI export (UUIDv5 of attempt and sequence), so a re-send is never stored twice. Rows go
 * with their attempt (erasure). Attempts finished before this migration are queued by it.
 *
 * learner_origins: for staff merged in from Trust records files, each PC their records came from
 * and that file's export time (the dashboard shows it); records made on this PC have no row.
 */
export function lrsSchemaV7(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE lrs_outbox (
      attempt_id        TEXT PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
      queued_at         TEXT NOT NULL,
      sent_at           TEXT,
      set_aside_at      TEXT,
      set_aside_reason  TEXT,
      CHECK ((set_aside_at IS NULL) = (set_aside_reason IS NULL))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX lrs_outbox_pending ON lrs_outbox (queued_at, attempt_id) WHERE sent_at IS NULL AND set_aside_at IS NULL;

    INSERT INTO lrs_outbox (attempt_id, queued_at)
      SELECT a.id, a.finished_at FROM attempts a JOIN learners l ON l.id = a.learner_id
      WHERE l.kind = 'staff' AND a.finished_at IS NOT NULL;

    CREATE TABLE learner_origins (
      learner_id   TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      source_pc    TEXT NOT NULL,
      exported_at  TEXT NOT NULL,
      imported_at  TEXT NOT NULL,
      PRIMARY KEY (learner_id, source_pc)
    ) STRICT, WITHOUT ROWID;
  `);
}
