import path from 'node:path';

/** Where the records store keeps its files inside the data folder (docs/records.md). */
export function recordFiles(dataDir: string) {
  return {
    dataDir,
    database: path.join(dataDir, 'records.sqlite'),
    journal: path.join(dataDir, 'records.journal'),
    lock: path.join(dataDir, 'records.lock'),
    backups: path.join(dataDir, 'backups'),
    quarantine: path.join(dataDir, 'quarantine'),
  };
}
export type RecordFiles = ReturnType<typeof recordFiles>;

/** The database's companion files, which travel with it when it is quarantined. */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** A timestamp that sorts and is safe in a file name on every platform. */
export const fileStamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
