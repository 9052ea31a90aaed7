import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v8: one summary row per staff member, kept by triggers in the same transaction as
 * every write to their learner row, attempts or acknowledgements (a commit, a journal replay, an
 * import, an erasure, retention), so it can never disagree with them and needs no journal entry of
 * its own: it is rebuilt from the attempts whenever the attempts are (recovery, migration).
 * It holds the date-independent facts the compliance rules read (every attempt's id, module,
 * status and times; every acknowledgement); the rules that depend on today are applied when read.
 * `changed` rises with every change, so the dashboard re-reads only the people changed since it
 * last looked (`records_meta.summary_seq`); `summary_removals` counts people taken away.
 */
// Delete, then insert: not INSERT OR REPLACE, because a statement's own conflict clause (the
// store's INSERT OR IGNORE) overrides the one of every statement in the triggers it fires.
const REFRESH = (who: string): string => `
  DELETE FROM learner_summary WHERE learner_id = ${who};
  INSERT INTO learner_summary (learner_id, changed, attempts, acks)
  SELECT l.id,
    (SELECT CAST(value AS INTEGER) FROM records_meta WHERE key = 'summary_seq'),
    (SELECT json_group_array(json_array(a.id, a.course_id, a.module_id, a.status, a.started_at, a.finished_at))
       FROM attempts a WHERE a.learner_id = l.id),
    (SELECT json_group_array(json_array(k.course_id, k.attempt_id, k.policy_version_label, k.acknowledged_at))
       FROM acknowledgements k WHERE k.learner_id = l.id)
  FROM learners l WHERE l.id = ${who} AND l.kind = 'staff';`;

const BUMP = `UPDATE records_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'summary_seq';`;

export function learnerSummarySchemaV8(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE learner_summary (
      learner_id TEXT PRIMARY KEY,
      changed    INTEGER NOT NULL,
      attempts   TEXT NOT NULL,
      acks       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX learner_summary_by_change ON learner_summary (changed);
    INSERT OR IGNORE INTO records_meta (key, value) VALUES ('summary_seq', '0'), ('summary_removals', '0');

    CREATE TRIGGER summary_attempt_insert AFTER INSERT ON attempts BEGIN ${BUMP} ${REFRESH('NEW.learner_id')} END;
    CREATE TRIGGER summary_attempt_update AFTER UPDATE OF status, started_at, finished_at, course_id, module_id, learner_id ON attempts
      WHEN OLD.status IS NOT NEW.status OR OLD.started_at IS NOT NEW.started_at OR OLD.finished_at IS NOT NEW.finished_at
        OR OLD.course_id IS NOT NEW.course_id OR OLD.module_id IS NOT NEW.module_id OR OLD.learner_id IS NOT NEW.learner_id
      BEGIN ${BUMP} ${REFRESH('NEW.learner_id')} ${REFRESH('OLD.learner_id')} END;
    CREATE TRIGGER summary_attempt_delete AFTER DELETE ON attempts BEGIN ${BUMP} ${REFRESH('OLD.learner_id')} END;
    CREATE TRIGGER summary_ack_insert AFTER INSERT ON acknowledgements BEGIN ${BUMP} ${REFRESH('NEW.learner_id')} END;
    CREATE TRIGGER summary_ack_delete AFTER DELETE ON acknowledgements BEGIN ${BUMP} ${REFRESH('OLD.learner_id')} END;
    CREATE TRIGGER summary_learner_insert AFTER INSERT ON learners WHEN NEW.kind = 'staff' BEGIN ${BUMP} ${REFRESH('NEW.id')} END;
    CREATE TRIGGER summary_learner_update AFTER UPDATE OF name, work_email, staff_id, school, role, first_sign_in_at, last_seen_at ON learners
      WHEN NEW.kind = 'staff' BEGIN ${BUMP} ${REFRESH('NEW.id')} END;
    CREATE TRIGGER summary_learner_delete AFTER DELETE ON learners BEGIN
      DELETE FROM learner_summary WHERE learner_id = OLD.id;
      UPDATE records_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'summary_removals';
    END;
  `);
  rebuildLearnerSummary(db);
}

/**
 * Every staff member's summary worked out again from the attempts and acknowledgements (migration,
 * recovery, and the check that the kept rows agree). Runs inside the caller's transaction.
 */
export function rebuildLearnerSummary(db: DatabaseSync): void {
  db.exec(`
    DELETE FROM learner_summary;
    UPDATE records_meta SET value = CAST(value AS INTEGER) + 1 WHERE key IN ('summary_seq', 'summary_removals');
    INSERT INTO learner_summary (learner_id, changed, attempts, acks)
    SELECT l.id, (SELECT CAST(value AS INTEGER) FROM records_meta WHERE key = 'summary_seq'), coalesce(a.list, '[]'), coalesce(k.list, '[]')
      FROM learners l
      LEFT JOIN (SELECT learner_id, json_group_array(json_array(id, course_id, module_id, status, started_at, finished_at)) AS list
                   FROM attempts GROUP BY learner_id) a ON a.learner_id = l.id
      LEFT JOIN (SELECT learner_id, json_group_array(json_array(course_id, attempt_id, policy_version_label, acknowledged_at)) AS list
                   FROM acknowledgements GROUP BY learner_id) k ON k.learner_id = l.id
     WHERE l.kind = 'staff';
  `);
}

/**
 * Migration v11: a pupil leaving (the retention fold deletes hundreds) is not a staff member
 * leaving. The v8 trigger counted every deleted learner in `summary_removals`, so each fold step
 * made the dashboard read every member of staff again (2.9 s at 100,000 attempts); now only a
 * staff member's deletion counts. Pupils never had a summary row, so nothing else changes.
 */
export function staffOnlyRemovalsV11(db: DatabaseSync): void {
  db.exec(`
    DROP TRIGGER summary_learner_delete;
    CREATE TRIGGER summary_learner_delete AFTER DELETE ON learners WHEN OLD.kind = 'staff' BEGIN
      DELETE FROM learner_summary WHERE learner_id = OLD.id;
      UPDATE records_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'summary_removals';
    END;
  `);
}
