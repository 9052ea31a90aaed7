import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v3: the records tables. Released: never edit, add a new migration instead.
 *
 * Learners hold exactly what CONTENT-BRIEF.md "Data kept" allows: staff name, work email or staff
 * id, school, role (plus the PIN hash that protects their record); pupils first name and initial,
 * class and band. Attempts hold main's verdict; the commit log is append-only (triggers) apart from
 * erasure; pupils' answers end up only as class-level counts.
 */
export function recordsSchemaV3(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE learners (
      id                 TEXT PRIMARY KEY,
      kind               TEXT NOT NULL CHECK (kind IN ('staff', 'pupil')),
      name               TEXT,
      work_email         TEXT,
      staff_id           TEXT,
      school             TEXT,
      role               TEXT CHECK (role IN ('teaching', 'support', 'volunteer', 'leader', 'account-runner')),
      pin_hash           TEXT,
      pin_failures       INTEGER NOT NULL DEFAULT 0,
      pin_locked_until   TEXT,
      first_name         TEXT,
      initial            TEXT,
      class_name         TEXT,
      band               TEXT CHECK (band IN ('ks1', 'ks2', 'ks3', 'ks4')),
      first_sign_in_at   TEXT NOT NULL,
      last_seen_at       TEXT NOT NULL,
      CHECK (kind <> 'staff' OR (name IS NOT NULL AND school IS NOT NULL AND role IS NOT NULL
             AND (work_email IS NOT NULL OR staff_id IS NOT NULL) AND first_name IS NULL AND class_name IS NULL)),
      CHECK (kind <> 'pupil' OR (first_name IS NOT NULL AND initial IS NOT NULL AND class_name IS NOT NULL
             AND band IS NOT NULL AND name IS NULL AND work_email IS NULL AND staff_id IS NULL AND pin_hash IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX learners_by_email ON learners (work_email) WHERE work_email IS NOT NULL;
    CREATE UNIQUE INDEX learners_by_staff_id ON learners (staff_id COLLATE NOCASE) WHERE staff_id IS NOT NULL;
    CREATE UNIQUE INDEX learners_by_pupil ON learners (class_name COLLATE NOCASE, band, first_name COLLATE NOCASE, initial)
      WHERE kind = 'pupil';
    CREATE INDEX learners_by_kind ON learners (kind, first_sign_in_at);

    CREATE TABLE attempts (
      id                   TEXT PRIMARY KEY,
      learner_id           TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      course_id            TEXT NOT NULL,
      module_id            TEXT NOT NULL,
      content_version      TEXT NOT NULL,
      policy_version_label TEXT NOT NULL,
      scorm_version        TEXT NOT NULL CHECK (scorm_version IN ('scorm2004', 'scorm12')),
      drawn_item_ids       TEXT NOT NULL CHECK (json_valid(drawn_item_ids)),
      started_at           TEXT NOT NULL,
      updated_at           TEXT NOT NULL,
      finished_at          TEXT,
      status               TEXT NOT NULL CHECK (status IN ('in-progress', 'completed', 'passed', 'failed')),
      score_percent        REAL,
      correct              INTEGER NOT NULL DEFAULT 0,
      total                INTEGER NOT NULL DEFAULT 0,
      sections_to_review   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sections_to_review)),
      item_results         TEXT CHECK (item_results IS NULL OR json_valid(item_results)),
      reported_status      TEXT,
      flags                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
      last_seq             INTEGER NOT NULL DEFAULT 0,
      suspended            INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
      cmi                  TEXT CHECK (cmi IS NULL OR json_valid(cmi)),
      CHECK ((finished_at IS NULL) = (status = 'in-progress'))
    ) STRICT;
    CREATE INDEX attempts_by_learner ON attempts (learner_id, course_id, module_id, started_at);
    CREATE INDEX attempts_by_finish ON attempts (finished_at);
    CREATE INDEX attempts_by_module ON attempts (course_id, module_id, status);

    CREATE TABLE commits (
      attempt_id  TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
      seq         INTEGER NOT NULL CHECK (seq >= 1),
      kind        TEXT NOT NULL CHECK (kind IN ('commit', 'finish')),
      at          TEXT NOT NULL,
      digest      TEXT NOT NULL,
      changes     TEXT CHECK (changes IS NULL OR json_valid(changes)),
      status      TEXT NOT NULL,
      verdict     TEXT NOT NULL CHECK (json_valid(verdict)),
      PRIMARY KEY (attempt_id, seq)
    ) STRICT, WITHOUT ROWID;
    -- Append-only: a commit is never rewritten, except that a finished pupil lesson's answers are
    -- cleared (changes set to NULL); rows go only with their attempt (erasure, retention).
    CREATE TRIGGER commits_append_only BEFORE UPDATE ON commits
      WHEN NEW.changes IS NOT NULL OR NEW.attempt_id IS NOT OLD.attempt_id OR NEW.seq IS NOT OLD.seq
        OR NEW.kind IS NOT OLD.kind OR NEW.at IS NOT OLD.at OR NEW.digest IS NOT OLD.digest OR NEW.status IS NOT OLD.status
        OR NEW.verdict IS NOT OLD.verdict
      BEGIN SELECT RAISE(ABORT, 'the commit log is append-only'); END;

    CREATE TABLE acknowledgements (
      id                   INTEGER PRIMARY KEY,
      learner_id           TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      course_id            TEXT NOT NULL,
      attempt_id           TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
      policy_version_label TEXT NOT NULL,
      content_version      TEXT NOT NULL,
      acknowledged_at      TEXT NOT NULL,
      UNIQUE (learner_id, course_id, policy_version_label)
    ) STRICT;
    CREATE INDEX acknowledgements_by_attempt ON acknowledgements (attempt_id);

    -- Pupils' answers, folded at the end of a lesson: no learner, no date finer than the year.
    CREATE TABLE class_counts (
      academic_year TEXT NOT NULL,
      class_name    TEXT NOT NULL,
      band          TEXT NOT NULL,
      course_id     TEXT NOT NULL,
      module_id     TEXT NOT NULL,
      item_id       TEXT NOT NULL,
      outcome       TEXT NOT NULL CHECK (outcome IN ('secure', 'developing', 'misconception')),
      misconception TEXT NOT NULL DEFAULT '',
      count         INTEGER NOT NULL CHECK (count >= 0),
      PRIMARY KEY (academic_year, class_name, band, course_id, module_id, item_id, outcome, misconception)
    ) STRICT, WITHOUT ROWID;

    -- What is left of pupil records after retention: completions per class and lesson, no names.
    CREATE TABLE pupil_completions_retained (
      academic_year TEXT NOT NULL,
      class_name    TEXT NOT NULL,
      band          TEXT NOT NULL,
      course_id     TEXT NOT NULL,
      module_id     TEXT NOT NULL,
      completed     INTEGER NOT NULL CHECK (completed >= 0),
      PRIMARY KEY (academic_year, class_name, band, course_id, module_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE audit_log (
      id      INTEGER PRIMARY KEY,
      at      TEXT NOT NULL,
      actor   TEXT NOT NULL,
      action  TEXT NOT NULL,
      detail  TEXT NOT NULL CHECK (json_valid(detail))
    ) STRICT;
    CREATE INDEX audit_by_time ON audit_log (at);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    -- Store bookkeeping: the last journal entry applied, last backup, last retention run.
    CREATE TABLE records_meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    INSERT INTO records_meta (key, value) VALUES ('journal_seq', '0');
  `);
}

/**
 * Migration v5: `attemptsForExport` reads in (started_at, id) order straight off an index; audit
 * entries carry the journal number they came from, so a replay cannot add one twice while other
 * writers (who do not journal) still get ordinary ids.
 */
export function recordsSchemaV5(db: DatabaseSync): void {
  db.exec(`
    CREATE INDEX attempts_by_start ON attempts (started_at, id);
    ALTER TABLE audit_log ADD COLUMN journal_seq INTEGER;
    CREATE UNIQUE INDEX audit_by_journal_seq ON audit_log (journal_seq) WHERE journal_seq IS NOT NULL;
  `);
}
