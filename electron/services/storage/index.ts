// The storage engine: node:sqlite, the durable journal, backups, recovery and the daily round.
// It knows how to keep a database safe, not what the records mean (electron/services/records).
export { loadSqlite, type SqliteModule } from './sqlite';
export { openDatabase, pragma, type OpenOptions } from './database';
export { migrate, migrations, latestVersion, currentVersion, type Migration, type BeforeMigrate } from './migrations';
export { DataDirLock, DataDirBusy, processAlive, type LockInfo } from './lock';
export { nodeRecordsIo, type RecordsIo } from './file-io';
export { fsyncOffMain, FsyncOffMain, FSYNC_LIMIT_MS, type FsyncWait } from './fsync-off-main';
export { Journal, readJournal, parseJournal, encodeJournalLine, fsyncDir, missingFromJournal, type JournalLine, type JournalRead, type PendingLine } from './journal';
export { BACKUP_KEEP_DAYS, listBackups, takeBackup, takeBackupOffMain, rotateBackups, rotateQuarantine, backupIsGood, journalSeqOf, hasRecordsTables, type BackupFile } from './backup';
export {
  openRecords,
  integrityOf,
  replayJournal,
  journalGaps,
  fileSize,
  CHECK_FAILED_MARKER,
  FULL_CHECK_AT_START_MAX_BYTES,
  type ApplyEntry,
  type OpenedRecords,
  type OpenRecordsOptions,
  type RecoveryReport,
  type StartupEvent,
  type Level,
} from './recovery';
export { maintainStorage, maintainStorageOffMain, compactJournal, turn, BACKUP_EVERY_MS, type RoundMark, type ScrubEntries } from './maintenance';
export { compactJournalInSteps } from './compact';
export { verify, withReadOnlyStore, type VerifyReport } from './verify';
export { recordFiles, fileStamp, SQLITE_SIDE_FILES, type RecordFiles } from './files';
export { networkShareReason, readMountInfo, realFolder, parseProcMounts, parseMacMount, parseNetUse, type MountInfo } from './network-share';
export { prepared } from './statements';
export { IdleCheckpoint, CHECKPOINT_IDLE_MS, WAL_AUTOCHECKPOINT_PAGES } from './checkpoint';
export { openReader, openSnapshot, type ReadableDb, type ReadableStatement, type WritableDb } from './handles';
export { readSmallFile, type SmallFile } from './small-file';
