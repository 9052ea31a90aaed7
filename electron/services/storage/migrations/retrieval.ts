import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v4 (part): the retrieval check. Released: never edit, add a new migration instead.
 *
 * A check's answers are never stored against a person: `retrieval_offers` remembers only that a
 * check was offered for a pass (so it is offered once) and which items it drew (so answers can be
 * checked against them); outcomes go straight into `retrieval_clause_counts`, counts per clause
 * across all staff, which is what the DSL sees.
 */
export function retrievalSchemaV4(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE retrieval_offers (
      id              TEXT PRIMARY KEY,
      learner_id      TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      course_id       TEXT NOT NULL,
      pass_attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
      offered_at      TEXT NOT NULL,
      item_ids        TEXT NOT NULL CHECK (json_valid(item_ids)),
      state           TEXT NOT NULL CHECK (state IN ('open', 'answered', 'declined')),
      closed_at       TEXT,
      UNIQUE (learner_id, pass_attempt_id)
    ) STRICT;
    CREATE TABLE retrieval_clause_counts (
      clause_id TEXT PRIMARY KEY,
      right     INTEGER NOT NULL DEFAULT 0 CHECK (right >= 0),
      wrong     INTEGER NOT NULL DEFAULT 0 CHECK (wrong >= 0)
    ) STRICT, WITHOUT ROWID;
  `);
}
