import type { ReadableDb } from '../services/storage';
import type { RecordsService, SessionService } from '../services/records';
import type { SettingsService } from '../services/settings';
import type { ComplianceService } from '../services/compliance';
import type { RequestsService } from '../services/requests';
import type { AdminService } from '../services/admin';
import type { DashboardService } from '../services/dashboard';
import type { ExportService } from '../services/exports';
import type { Bundle } from '@content/schema';
import type { AppEvent } from '../contract';
import type { LrsService } from '../services/lrs';
import type { RecordsFileImports } from '../services/records-file';

/** Every service of one open data folder, as the composition root (compose.ts) wires them. */
export interface Services {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly bundle: Bundle;
  readonly clock: () => Date;
  readonly db: ReadableDb;
  readonly settings: SettingsService;
  /** Learners, attempts, commit log, acknowledgements, audit (electron/services/records). */
  readonly records: RecordsService;
  /** Who is signed in (main only); learner channels refuse any other learner. */
  readonly session: SessionService;
  /** The administrator's session and password (main only); the contract's access rules check it (host/access.ts). */
  readonly admin: AdminService;
  /** HR's figures and the teacher view's class counts (read-only). */
  readonly dashboard: DashboardService;
  /** Exports (CSV, Totara, xAPI, cmi, SCORM packages, certificates); the shell sets its dialog hooks. */
  readonly exports: ExportService;
  /** The compliance cycle: due, overdue, expiring, expired, retrieval check (electron/services/compliance). */
  readonly compliance: ComplianceService;
  /** New-account requests for the Trust central team (electron/services/requests). */
  readonly requests: RequestsService;
  /** Finished staff attempts to the Trust's LRS: outbox, sender, status (electron/services/lrs). */
  readonly lrs: LrsService;
  /** Trust records files from other PCs imported from the admin area; the shell sets its open dialog. */
  readonly recordsFile: RecordsFileImports;
  /** Called when the renderer confirms its final commit during the close handshake. */
  onCloseReady: () => void;
  /** Pushes an event to the renderer; the transport (IPC or the preview) sets it. */
  emit: (event: AppEvent) => void;
  close(): void;
}

export const DATABASE_FILE = 'records.sqlite';
