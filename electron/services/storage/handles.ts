import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { loadSqlite } from './sqlite';

declare const READABLE: unique symbol;
declare const WRITABLE: unique symbol;

/** A prepared statement a reader may run: `all`, `get`, `iterate`, never `run`. */
export type ReadableStatement = Omit<StatementSync, 'run'>;

/**
 * A connection to the records that may only be read (issue 20 item 3), as Signal's readable SQL
 * handle: it prepares statements that cannot `run`, and has no `exec`. Branded, so a raw
 * DatabaseSync is not one: a reader is handed the records' read-only connection (RecordsService's
 * `reader`, opened by openReader) or the store's own connection seen through this type.
 */
export interface ReadableDb {
  readonly [READABLE]: true;
  prepare(sql: string): ReadableStatement;
  readonly isOpen: boolean;
  readonly isTransaction: boolean;
}

/**
 * The one connection that writes: opened by the storage engine (openRecords) and held by the
 * records store, which applies journalled entries through it. Nothing else is given one; a
 * WritableDb is also a ReadableDb (the store reads what it is about to change).
 */
export type WritableDb = DatabaseSync & { readonly [READABLE]: true; readonly [WRITABLE]: true };

/** Only the storage engine brands a connection it opened itself (the writer, or one it only reads). */
export const asWritable = (db: DatabaseSync): WritableDb => db as WritableDb;
export const asReadable = (db: DatabaseSync): ReadableDb => db as unknown as ReadableDb;

/**
 * A read-only connection to a records database (`readOnly: true`: SQLite itself refuses any write
 * through it). In WAL mode it sees every committed write and never blocks the writer.
 */
export function openReader(file: string): ReadableDb & { close(): void } {
  const { DatabaseSync: Db } = loadSqlite();
  const db = new Db(file, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  return db as unknown as ReadableDb & { close(): void };
}

/**
 * A read-only connection holding one read transaction until it is closed: a consistent snapshot
 * across many statements (an export, a records file) while the app keeps committing (WAL).
 */
export function openSnapshot(file: string): ReadableDb & { close(): void } {
  const { DatabaseSync: Db } = loadSqlite();
  const db = new Db(file, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('BEGIN');
  // Taken before Object.assign below puts this close in its place.
  const closeDb = db.close.bind(db);
  const close = (): void => {
    try {
      if (db.isTransaction) db.exec('COMMIT');
    } finally {
      closeDb();
    }
  };
  return Object.assign(db as unknown as ReadableDb, { close });
}
