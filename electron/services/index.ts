import type { DatabaseSync } from 'node:sqlite';
import { RecordsService, SessionService } from './records';
import { SettingsService } from './settings';
import { ComplianceService } from './compliance/service';
import { RequestsService } from './requests/service';
import { AdminService, AdminStore } from './admin';
import { DashboardService } from './dashboard';
import { ExportService } from './exports/service';
import type { Bundle } from '../../content/schema';
import type { AppEvent } from '../contract';

export interface ServiceOptions {
  dataDir: string;
  appVersion: string;
  /** The compiled course content (content/schema Bundle): modules, answer key, policy. */
  bundle: Bundle;
  /** Injected so lifecycle rules (due, expiry, retention) can be tested on any date. */
  clock?: () => Date;
  /** Run the records' daily round (backup, rotation, retention) at start and hourly; default true. */
  recordsMaintenance?: boolean;
}

export interface Services {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly bundle: Bundle;
  readonly clock: () => Date;
  readonly db: DatabaseSync;
  readonly settings: SettingsService;
  /** Learners, attempts, commit log, acknowledgements, audit (electron/services/records). */
  readonly records: RecordsService;
  /** Who is signed in (main only); learner channels refuse any other learner. */
  readonly session: SessionService;
  /** The administrator's session and password (main only); admin channels call requireAdmin. */
  readonly admin: AdminService;
  /** HR's figures and the teacher view's class counts (read-only). */
  readonly dashboard: DashboardService;
  /** Exports (CSV, Totara, xAPI, cmi, SCORM packages, certificates); the shell sets its dialog hooks. */
  readonly exports: ExportService;
  /** The compliance cycle: due, overdue, expiring, expired, retrieval check (electron/services/compliance). */
  readonly compliance: ComplianceService;
  /** New-account requests for the Trust central team (electron/services/requests). */
  readonly requests: RequestsService;
  /** Called when the renderer confirms its final commit during the close handshake. */
  onCloseReady: () => void;
  /** Pushes an event to the renderer; the transport (IPC or the preview) sets it. */
  emit: (event: AppEvent) => void;
  close(): void;
}

export const DATABASE_FILE = 'records.sqlite';

export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? (() => new Date());
  // The records service opens the database: lock, integrity check, recovery, migrations, journal.
  const records = RecordsService.open({
    dataDir: options.dataDir,
    bundle: options.bundle,
    clock,
    settings: () => settings.get(),
    schedule: options.recordsMaintenance ?? true,
  });
  const db = records.db;
  const settings = new SettingsService(db);
  const services: Services = {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    bundle: options.bundle,
    clock,
    db,
    settings,
    records,
    session: new SessionService(),
    admin: new AdminService(new AdminStore(db), clock, () => settings.get().adminIdleMinutes),
    dashboard: new DashboardService(db, options.bundle, settings, clock),
    exports: new ExportService({
      dataDir: options.dataDir,
      bundle: options.bundle,
      appVersion: options.appVersion,
      settings: () => settings.get(),
      clock,
      emit: (event) => services.emit(event),
      audit: (e) => records.store.audit(e.actor, e.action, e.detail), // journalled like every record
    }),
    compliance: new ComplianceService({ db, bundle: options.bundle, clock, settings: () => settings.get(), write: (e) => records.store.write(e) }),
    requests: new RequestsService({ db, bundle: options.bundle, clock, settings: () => settings.get(), write: (e) => records.store.write(e) }),
    onCloseReady: () => {},
    emit: () => {},
    close: () => records.close(),
  };
  return services;
}
