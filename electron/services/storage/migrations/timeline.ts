import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v9: main's own clock on every attempt. Released: never edit, add a new migration.
 *
 * attempt_served: when main first saw each item on the learner's screen (the commit whose
 * location named it). attempt_answers: each answer as main first received it (interaction index,
 * id and response as written, and main's time). A pass is judged from these, never from the
 * latency or the order the cmi claims; an answer is never rewritten (trigger), and both go with
 * their attempt (erasure, retention) or, for a pupil, at the end of the lesson. Answers an attempt
 * held before this migration are taken into the timeline at its next commit, marked untimed.
 */
export function timelineSchemaV9(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE attempt_served (
      attempt_id  TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
      item_id     TEXT NOT NULL,
      served_at   TEXT NOT NULL,
      PRIMARY KEY (attempt_id, item_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE attempt_answers (
      attempt_id      TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
      idx             INTEGER NOT NULL CHECK (idx >= 0),
      interaction_id  TEXT NOT NULL,
      response        TEXT NOT NULL,
      answered_at     TEXT NOT NULL,
      -- 0: committed before main kept this timeline (the upgrade, an imported attempt): no time known.
      timed           INTEGER NOT NULL DEFAULT 1 CHECK (timed IN (0, 1)),
      PRIMARY KEY (attempt_id, idx)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER attempt_answers_append_only BEFORE UPDATE ON attempt_answers
      BEGIN SELECT RAISE(ABORT, 'answers are append-only'); END;
    CREATE TRIGGER attempt_served_append_only BEFORE UPDATE ON attempt_served
      BEGIN SELECT RAISE(ABORT, 'served times are append-only'); END;
  `);
}
