import type { DatabaseSync } from 'node:sqlite';
import { loadSqlite } from './sqlite';
import { migrate } from './migrations';
import { privateFile, restrict, PRIVATE_FILE_MODE } from './private-files';
import { SQLITE_SIDE_FILES } from './files';
import { WAL_AUTOCHECKPOINT_PAGES } from './checkpoint';

export interface OpenOptions {
  /** Run migrations (default true). Tests of migrations open without them. */
  migrate?: boolean;
}

/**
 * Opens the records database with the durability settings HR relies on: WAL so readers never
 * block the writer, synchronous=FULL so a commit is on disk before we say so, and fullfsync on
 * macOS where a plain fsync does not reach the platter.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DatabaseSync {
  const { DatabaseSync } = loadSqlite();
  // 0600 before SQLite opens it: its WAL and shared-memory files take the database file's mode.
  privateFile(file);
  for (const side of SQLITE_SIDE_FILES) restrict(file + side, PRIVATE_FILE_MODE);
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  // The records checkpoint when writes pause (checkpoint.ts); this is the fallback for long bursts.
  db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.exec('PRAGMA foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so an erased person does not linger in free pages.
  db.exec('PRAGMA secure_delete = ON');
  if (process.platform === 'darwin') db.exec('PRAGMA fullfsync = ON');
  if (options.migrate !== false) migrate(db);
  return db;
}

export function pragma(db: DatabaseSync, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
  return row ? Object.values(row)[0] : undefined;
}
