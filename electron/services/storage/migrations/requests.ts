import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v4 (part): new-account requests, the rationale the policy asks staff to give the Trust
 * central team before an official account is opened. Released: never edit, add a new migration.
 * A request goes with its author when their record is erased.
 */
export function requestsSchemaV4(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE account_requests (
      id                   TEXT PRIMARY KEY,
      learner_id           TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      created_at           TEXT NOT NULL,
      requester_name       TEXT NOT NULL,
      requester_role       TEXT NOT NULL,
      school               TEXT NOT NULL,
      platform             TEXT NOT NULL,
      account_name         TEXT NOT NULL,
      aim                  TEXT NOT NULL,
      audience             TEXT NOT NULL,
      promotion            TEXT NOT NULL,
      runners              TEXT NOT NULL,
      policy_version_label TEXT NOT NULL
    ) STRICT;
    CREATE INDEX account_requests_by_time ON account_requests (created_at);
  `);
}

/**
 * Migration v13: new-account requests by their author. Deleting a learner (an erasure, or a
 * pupil's retention fold) makes SQLite look for requests that cascade with them; without an index
 * on learner_id that was a read of the whole table for every learner deleted. The index also gives
 * a learner's own requests newest first (RequestsService.list) without a sort.
 */
export function requestsByLearnerV13(db: DatabaseSync): void {
  db.exec('CREATE INDEX account_requests_by_learner ON account_requests (learner_id, created_at DESC, id)');
}
