import type * as Sqlite from 'node:sqlite';
import { ServiceError } from '@contract/result';

export type SqliteModule = typeof Sqlite;

/**
 * node:sqlite ships inside Node 24 and Electron 45, but an older runtime lacks it. Load it through
 * getBuiltinModule so a missing module becomes one plain message at start-up, not a crash later.
 */
export function loadSqlite(): SqliteModule {
  const mod = process.getBuiltinModule?.('node:sqlite') as SqliteModule | undefined;
  if (!mod?.DatabaseSync) {
    throw new ServiceError(
      'unavailable',
      `This app needs the built-in SQLite module (node:sqlite), which this runtime (Node ${process.versions.node}) does not provide. ` +
        'Install the current release of the app (it bundles Electron 45 with Node 24).',
    );
  }
  return mod;
}
