import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ReadableDb, ReadableStatement, WritableDb } from './handles';

/**
 * Statements prepared once per connection and kept: preparing costs about as much as running a
 * small statement, and a commit runs a dozen (issue 19: commit ≤ 3× a bare insert). Keyed by the
 * SQL text, so callers keep their SQL where it is read. Only for statements run with get/run/all
 * and no per-call options (setReturnArrays, iterate): those change a shared statement's state.
 * SQLite re-prepares a kept statement by itself after a schema change (a migration).
 * A reader's statement cannot `run` (handles.ts); only the writer's can.
 */
const kept = new WeakMap<object, Map<string, StatementSync>>();

export function prepared(db: WritableDb, sql: string): StatementSync;
export function prepared(db: ReadableDb, sql: string): ReadableStatement;
export function prepared(db: ReadableDb | DatabaseSync, sql: string): StatementSync {
  let byText = kept.get(db);
  if (!byText) kept.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = (db as DatabaseSync).prepare(sql)));
  return statement;
}
