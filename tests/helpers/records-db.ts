import { DatabaseSync } from 'node:sqlite';
import type { RecordsService } from '@services/records';
import { recordFiles, type OpenedRecords } from '@services/storage';

/**
 * TEST ONLY: a raw connection of the test's own to a data folder's records database, for what a
 * test puts there behind the app's back (seeding thousands of rows, damaging a row, imitating an
 * older version). The app never has one: its readers are read-only and only the records store
 * writes, through the journal (electron/services/storage/handles.ts). Close it when done, or use
 * withRawRecordsDb.
 */
export function rawRecordsDb(dataDir: string): DatabaseSync {
  const db = new DatabaseSync(recordFiles(dataDir).database);
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/**
 * TEST ONLY: a raw connection to any SQLite file (a backup, a copy, an older version's database):
 * lint allows `node:sqlite` only in the storage engine and this helper.
 */
export function openRawDb(file: string, options: { readOnly?: boolean } = {}): DatabaseSync {
  return new DatabaseSync(file, options);
}

/** TEST ONLY: runs `fn` on a raw connection (rawRecordsDb) and closes it. */
export function withRawRecordsDb<T>(dataDir: string, fn: (db: DatabaseSync) => T): T {
  const db = rawRecordsDb(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * TEST ONLY: the records store's own opened records (its writable connection, journal and lock),
 * which the app keeps private to RecordsService: for tests of the storage engine itself (a
 * compaction, a connection's pragmas, an entry applied twice) and the commit bench's timers.
 */
export function openedRecordsOf(records: RecordsService): OpenedRecords {
  return (records as unknown as { opened: OpenedRecords }).opened;
}
