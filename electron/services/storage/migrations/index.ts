import type { DatabaseSync } from 'node:sqlite';
import type { ReadableDb } from '../handles';
import { recordsSchemaV3, recordsSchemaV5 } from './records';
import { retrievalSchemaV4 } from './retrieval';
import { requestsByLearnerV13, requestsSchemaV4 } from './requests';
import { lrsSchemaV7 } from './lrs';
import { learnerSummarySchemaV8, staffOnlyRemovalsV11 } from './summary';
import { timelineSchemaV9 } from './timeline';
import { retentionIndexesV12 } from './retention';
import { importLookupsV14 } from './import-lookups';

export interface Migration {
  version: number;
  description: string;
  up(db: DatabaseSync): void;
}

/**
 * Schema history, oldest first. Never edit a released migration: add a new one.
 * Each is applied in its own transaction and stamps PRAGMA user_version.
 */
export const migrations: Migration[] = [
  {
    version: 1,
    description: 'settings',
    up(db) {
      db.exec(`CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT`);
    },
  },
  {
    version: 2,
    description: 'admin: password hash, set-up marker, failed-attempt counter',
    up(db) {
      // One row: the PC's administrator. The counter lives on disk so a restart does not reset it.
      db.exec(`CREATE TABLE admin_auth (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        password_hash   TEXT NOT NULL,
        set_up_at       TEXT NOT NULL,
        set_up_by       TEXT NOT NULL,
        changed_at      TEXT NOT NULL,
        failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until_ms INTEGER
      ) STRICT`);
    },
  },
  {
    version: 3,
    description: 'records: learners, attempts, append-only commit log, acknowledgements, class counts, audit log',
    up(db) {
      recordsSchemaV3(db);
    },
  },
  {
    version: 4,
    description: 'compliance: retrieval-check offers and per-clause counts; new-account requests',
    up(db) {
      retrievalSchemaV4(db);
      requestsSchemaV4(db);
    },
  },
  {
    version: 5,
    description: 'records: attempts indexed by start time, so exports stream 100,000 attempts without a sort',
    up(db) {
      recordsSchemaV5(db);
    },
  },
  {
    version: 6,
    description: 'dashboard: a covering index for the per-person standings (no table reads at 100,000 attempts)',
    up(db) {
      // Everything the dashboard's scan reads, so it never touches the rows (which carry the cmi).
      db.exec(`CREATE INDEX attempts_for_dashboard ON attempts
        (course_id, learner_id, module_id, started_at, status, finished_at, id)`);
    },
  },
  {
    version: 7,
    description: "lrs: the outbox of finished staff attempts for the Trust's LRS; where imported staff records came from",
    up(db) {
      lrsSchemaV7(db);
    },
  },
  {
    version: 8,
    description: 'dashboard: a summary row per staff member, kept by triggers in every write transaction and filled from the attempts',
    up(db) {
      learnerSummarySchemaV8(db);
    },
  },
  {
    version: 9,
    description: "records: main's clock per attempt (when each item was served, each answer received), append-only",
    up(db) {
      timelineSchemaV9(db);
    },
  },
  {
    version: 10,
    description: 'records: the bytes each attempt has sent over all its commits (issue 11 item 8: a limit per attempt)',
    up(db) {
      // Attempts from before count from here on: what they sent earlier is not known without the journal.
      db.exec('ALTER TABLE attempts ADD COLUMN received_bytes INTEGER NOT NULL DEFAULT 0 CHECK (received_bytes >= 0)');
    },
  },
  {
    version: 11,
    description: "dashboard: a pupil's deletion (the retention fold) no longer makes the dashboard read every member of staff again",
    up(db) {
      staffOnlyRemovalsV11(db);
    },
  },
  {
    version: 12,
    description: "records: the pupil fold finds the next pupils past retention by index, and an attempt's deletion finds its retrieval offer by index",
    up(db) {
      retentionIndexesV12(db);
    },
  },
  {
    version: 13,
    description: "requests: new-account requests indexed by their author, so deleting a learner no longer reads every request",
    up(db) {
      requestsByLearnerV13(db);
    },
  },
  {
    version: 14,
    description: 'records files: staff matched by work email in any case through an index, so an import no longer reads every member of staff per person',
    up(db) {
      importLookupsV14(db);
    },
  },
];

export const latestVersion = (): number => migrations.at(-1)?.version ?? 0;

export function currentVersion(db: DatabaseSync | ReadableDb): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Hook run before any pending migration (the records store takes a backup here). */
export type BeforeMigrate = (from: number, to: number) => void;

export function migrate(db: DatabaseSync, before?: BeforeMigrate, upTo = latestVersion()): void {
  const from = currentVersion(db);
  if (from > latestVersion()) {
    throw new Error(
      `The records database is version ${from}, newer than this app understands (${latestVersion()}). Install the newer app again.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= upTo);
  if (pending.length === 0) return;
  before?.(from, upTo);
  for (const m of pending) {
    db.exec('BEGIN IMMEDIATE');
    try {
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}
