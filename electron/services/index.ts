import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from './db/open';
import { SettingsService } from './settings';
import { AdminService, AdminStore } from './admin';
import type { Bundle } from '../../content/schema';
import type { AppEvent } from '../contract';

export interface ServiceOptions {
  dataDir: string;
  appVersion: string;
  /** The compiled course content (content/schema Bundle): modules, answer key, policy. */
  bundle: Bundle;
  /** Injected so lifecycle rules (due, expiry, retention) can be tested on any date. */
  clock?: () => Date;
}

export interface Services {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly bundle: Bundle;
  readonly clock: () => Date;
  readonly db: DatabaseSync;
  readonly settings: SettingsService;
  /** The administrator's session and password (main only); admin channels call requireAdmin. */
  readonly admin: AdminService;
  /** Called when the renderer confirms its final commit during the close handshake. */
  onCloseReady: () => void;
  /** Pushes an event to the renderer; the transport (IPC or the preview) sets it. */
  emit: (event: AppEvent) => void;
  close(): void;
}

export const DATABASE_FILE = 'records.sqlite';

export function createServices(options: ServiceOptions): Services {
  const db = openDatabase(path.join(options.dataDir, DATABASE_FILE));
  const clock = options.clock ?? (() => new Date());
  const settings = new SettingsService(db);
  const services: Services = {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    bundle: options.bundle,
    clock,
    db,
    settings,
    admin: new AdminService(new AdminStore(db), clock, () => settings.get().adminIdleMinutes),
    onCloseReady: () => {},
    emit: () => {},
    close: () => db.close(),
  };
  return services;
}
