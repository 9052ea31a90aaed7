import path from 'node:path';
import type { Bundle } from '../../../content/schema';
import type { RecordsHealth } from '../../contract/channels/records';
import type { Settings } from '../../contract/channels/settings';
import { BACKUP_KEEP_DAYS, listBackups } from '../storage/backup';
import { catalogueFor } from './catalogue';
import { maintain, runRetention } from '../storage/maintenance';
import { integrityOf, openRecords, type OpenedRecords, type StartupEvent } from '../storage/recovery';
import { recordsSummary } from './queries/summary';
import { eraseLearner, subjectAccess, type ErasureResult } from './rights';
import { RecordsStore } from './store';

export { RecordsStore, displayName } from './store';
export { SessionService } from './session';
export { academicYear } from './entries';
export { misconceptionOf } from './verdict';
export { recordFiles } from '../storage/files';
export * as recordsQueries from './queries';

export interface RecordsOptions {
  dataDir: string;
  bundle: Bundle;
  clock: () => Date;
  settings: () => Settings;
  /** Who holds the data-folder lock: "app", "demo", "records CLI". */
  purpose?: string;
  /** Run the daily round (backup, rotation, retention) every hour while open (the app: yes; tests: no). */
  schedule?: boolean;
  /** Above this size start-up runs quick_check, the daily round integrity_check (tests lower it). */
  fullCheckMaxBytes?: number;
}

/**
 * The records service: the store (write side), start-up recovery, the daily round and the
 * administrator's health report. One per data folder per machine (the lock file sees to that).
 */
export class RecordsService {
  readonly store: RecordsStore;
  readonly events: StartupEvent[];
  private readonly opened: OpenedRecords;
  private timer: NodeJS.Timeout | null = null;
  private checkedAt: string;

  private constructor(opened: OpenedRecords, private readonly options: RecordsOptions) {
    this.opened = opened;
    this.events = opened.events;
    this.checkedAt = options.clock().toISOString();
    this.store = new RecordsStore(opened, { bundle: options.bundle, clock: options.clock, settings: options.settings });
  }

  static open(options: RecordsOptions): RecordsService {
    const opened = openRecords(options.dataDir, {
      now: options.clock,
      purpose: options.purpose ?? 'app',
      ...(options.fullCheckMaxBytes !== undefined ? { fullCheckMaxBytes: options.fullCheckMaxBytes } : {}),
    });
    const service = new RecordsService(opened, options);
    if (opened.recovery) {
      service.store.audit('system', 'records.recovered', { ...opened.recovery, integrity: opened.integrity });
    }
    if (options.schedule !== false) {
      // The daily round (backup, rotation, retention) runs a minute after start, then hourly: a
      // VACUUM INTO of years of records takes seconds, which a learner opening the app should not wait for.
      service.timer = setTimeout(() => {
        service.runMaintenance();
        service.timer = setInterval(() => service.runMaintenance(), 60 * 60 * 1000);
        service.timer.unref();
      }, 60 * 1000);
      service.timer.unref();
    }
    return service;
  }

  get db() {
    return this.opened.db;
  }

  get files() {
    return this.opened.files;
  }

  /** Backup, rotation, journal compaction and retention; failures are reported, never thrown. */
  runMaintenance(now: Date = this.options.clock()): void {
    try {
      maintain(this.store, now, this.events);
    } catch (err) {
      this.events.push({ at: now.toISOString(), level: 'error', message: `The daily records round failed: ${(err as Error).message}` });
    }
  }

  runRetention(now: Date = this.options.clock()): number {
    return runRetention(this.store, now);
  }

  catalogue(learnerId: string) {
    return catalogueFor(this.store, this.options.bundle, this.options.settings(), this.options.clock(), learnerId);
  }

  erase(learnerId: string, actor: string): ErasureResult {
    return eraseLearner(this.store, learnerId, actor);
  }

  subjectAccess(learnerId: string): Record<string, unknown> {
    return subjectAccess(this.store, learnerId);
  }

  /** `records.health`: what the administrator is told (start-up check, recovery, backups). */
  health(recheck = false): RecordsHealth {
    let integrity = this.opened.integrity;
    if (recheck) {
      integrity = integrityOf(this.db);
      this.checkedAt = this.options.clock().toISOString();
    }
    const backups = listBackups(this.files.backups);
    const s = recordsSummary(this.db);
    const version = (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    const worst = this.events.some((e) => e.level === 'error');
    return {
      ok: integrity === 'ok' && !worst && (this.opened.recovery === null || this.opened.recovery.mayBeMissing.startsWith('Nothing')),
      integrity,
      checkedAt: this.checkedAt,
      dataDir: this.files.dataDir,
      schemaVersion: version,
      events: this.events.slice(-50),
      recovery: this.opened.recovery,
      lastBackupAt: backups.at(-1)?.takenAt ?? null,
      backupsKept: backups.length,
      backupRotationDays: BACKUP_KEEP_DAYS,
      counts: {
        learners: s.learners.staff + s.learners.pupils,
        attempts: s.attempts.total,
        commits: s.commits,
        acknowledgements: s.acknowledgements,
      },
    };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer); // clears an interval too (one timer type in Node)
    this.timer = null;
    this.opened.journal.close();
    try {
      this.db.close();
    } finally {
      this.opened.lock.release();
    }
  }
}

export const backupName = (file: string): string => path.basename(file);
