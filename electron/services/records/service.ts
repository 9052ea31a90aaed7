import type { Bundle } from '@content/schema';
import type { RecordsHealth } from '@contract/channels/records';
import type { Settings } from '@contract/channels/settings';
import { BACKUP_KEEP_DAYS, integrityOf, listBackups, maintainStorage, maintainStorageOffMain, openReader, openRecords, type OpenedRecords, type ReadableDb, type RecordsIo, type RoundMark, type StartupEvent } from '../storage';
import { applyEntry, type Entry } from './entries';
import { journalConfigOnce } from './config-journal';
import { recordsSummary } from './queries/summary';
import { runRetention, runRetentionInSteps, scrubFinishedPupils } from './retention';
import { eraseLearner, subjectAccess, type ErasureResult } from './rights';
import { RecordsStore, type RefresherDraw } from './store';

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
  /** How a refresher attempt is opened and drawn (the compliance rules; see StoreDeps). */
  refresherDraw?: RefresherDraw;
  /** The journal's and the COMMIT's I/O (storage/file-io.ts); the power-cut test records through its own. */
  io?: RecordsIo;
}

/**
 * The records service: the store (write side), start-up recovery, the daily round and the
 * administrator's health report. One per data folder per machine (the lock file sees to that).
 */
export class RecordsService {
  readonly store: RecordsStore;
  readonly events: StartupEvent[];
  /** The records' read-only connection: every service that only reads is given this one. */
  readonly reader: ReadableDb & { close(): void };
  private readonly opened: OpenedRecords;
  private timer: NodeJS.Timeout | null = null;
  private maintaining = false;
  private closed = false;
  private checkedAt: string;

  private constructor(opened: OpenedRecords, private readonly options: RecordsOptions) {
    this.opened = opened;
    this.events = opened.events;
    this.checkedAt = options.clock().toISOString();
    // The readers' own connection, read-only (issue 20 item 3): in WAL it sees every commit at once.
    this.reader = openReader(opened.files.database);
    this.store = new RecordsStore(opened, {
      // Read when first needed (a commit, a start), not now: a caller may compile it lazily.
      get bundle() {
        return options.bundle;
      },
      clock: options.clock,
      settings: options.settings,
      ...(options.refresherDraw ? { refresherDraw: options.refresherDraw } : {}),
    }, this.reader);
  }

  static open(options: RecordsOptions): RecordsService {
    const opened = openRecords<Entry>(options.dataDir, {
      now: options.clock,
      apply: applyEntry,
      purpose: options.purpose ?? 'app',
      ...(options.fullCheckMaxBytes !== undefined ? { fullCheckMaxBytes: options.fullCheckMaxBytes } : {}),
      ...(options.io ? { io: options.io } : {}),
    });
    const service = new RecordsService(opened, options);
    if (opened.recovery) {
      service.store.audit('system', 'records.recovered', { ...opened.recovery, integrity: opened.integrity });
    }
    // A data folder from before settings were journalled: journal what its database holds, once.
    const journalled = journalConfigOnce(service.store);
    if (journalled > 0) service.events.push({ at: options.clock().toISOString(), level: 'info', message: `The settings and the administrator's password were written to the journal (${journalled} entries), so a recovery brings them back.` });
    if (options.schedule !== false) {
      // The daily round (backup, rotation, retention) runs a minute after start, then hourly: a
      // VACUUM INTO of years of records takes seconds, which a learner opening the app should not wait for.
      service.timer = setTimeout(() => {
        void service.runMaintenanceOffMain();
        service.timer = setInterval(() => void service.runMaintenanceOffMain(), 60 * 60 * 1000);
        service.timer.unref();
      }, 60 * 1000);
      service.timer.unref();
    }
    return service;
  }

  /** The read-only connection (a reader cannot write: storage/handles.ts). */
  get db(): ReadableDb {
    return this.reader;
  }

  get files() {
    return this.opened.files;
  }

  /** Backup, rotation, journal compaction and retention; failures are reported, never thrown. */
  runMaintenance(now: Date = this.options.clock()): void {
    try {
      // Storage first (check, backup, rotation, compaction), then the records' own retention.
      if (!maintainStorage(this.opened, now, this.events, scrubFinishedPupils)) return;
      const aggregated = runRetention(this.store, now);
      if (aggregated) this.events.push({ at: now.toISOString(), level: 'info', message: `${aggregated} pupil record(s) past the retention period were folded into class counts and deleted.` });
    } catch (err) {
      this.events.push({ at: now.toISOString(), level: 'error', message: `The daily records round failed: ${(err as Error).message}` });
    }
  }

  /**
   * The app's daily round: the integrity check and the backup in a worker, the pupil fold in short
   * journalled steps, so main keeps answering learners throughout (issue 19 item 4). One at a time.
   * `mark` is told the name of each piece as it starts on main (the bench times which held it longest).
   */
  async runMaintenanceOffMain(now: Date = this.options.clock(), mark?: RoundMark): Promise<void> {
    if (this.maintaining) return;
    this.maintaining = true;
    try {
      if (!(await maintainStorageOffMain(this.opened, now, this.events, scrubFinishedPupils, mark))) return;
      if (this.closed) return;
      const aggregated = await runRetentionInSteps(this.store, now, mark);
      if (aggregated) this.events.push({ at: now.toISOString(), level: 'info', message: `${aggregated} pupil record(s) past the retention period were folded into class counts and deleted.` });
    } catch (err) {
      if (!this.closed) this.events.push({ at: now.toISOString(), level: 'error', message: `The daily records round failed: ${(err as Error).message}` });
    } finally {
      this.maintaining = false;
    }
  }

  runRetention(now: Date = this.options.clock()): number {
    return runRetention(this.store, now);
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
      integrity = integrityOf(this.opened.db);
      this.checkedAt = this.options.clock().toISOString();
    }
    const backups = listBackups(this.files.backups);
    const s = recordsSummary(this.db);
    const version = (this.reader.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
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
    this.closed = true;
    if (this.timer) clearTimeout(this.timer); // clears an interval too (one timer type in Node)
    this.timer = null;
    this.opened.checkpoint.close();
    this.opened.journal.close();
    try {
      this.reader.close();
      this.opened.db.close();
    } finally {
      this.opened.lock.release();
    }
  }
}
