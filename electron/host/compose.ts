import type { Bundle } from '@content/schema';
import { setupFileArg } from '../cli/args/app';
import { AdminService, AdminStore } from '../services/admin';
import { ComplianceService } from '../services/compliance';
import { DashboardService } from '../services/dashboard';
import { ExportService } from '../services/exports';
import { attemptOwner, RecordsService, SessionService, warmCommitPath } from '../services/records';
import { RequestsService } from '../services/requests';
import { LrsService, type Fetch, type SecretBox } from '../services/lrs';
import { RecordsFileImports } from '../services/records-file';
import { followBundleEdition, SettingsService } from '../services/settings';
import { provisionAtFirstStart } from '../services/setup';
import { loadSqlite } from '../services/storage';
import { chooseDataDir, prepareDataDir } from './data-dir';
import { createAccessCheck } from './access';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';
import type { Services } from './services';

export interface AppOptions {
  /** The user's arguments: `--data DIR`, `--setup-file PATH` (electron/cli/args/app.ts). */
  argv?: readonly string[];
  /** INDUCTION_DATA_DIR names the data folder when `--data` does not. */
  env?: NodeJS.ProcessEnv;
  /** The data folder when neither names one (the platform's user-data folder in the app). */
  defaultDataDir: string;
  appVersion: string;
  /** The compiled course content (content/schema Bundle): modules, answer key, policy. */
  bundle: Bundle;
  /** Injected so lifecycle rules (due, expiry, retention) can be tested on any date. */
  clock?: () => Date;
  /** Run the records' daily round (backup, rotation, retention) a minute after start and hourly; default true. */
  recordsMaintenance?: boolean;
  log?: (msg: string, err: unknown) => void;
  /** The Trust's LRS: the app passes safeStorage (the sealed secret) and net.fetch (system proxy). */
  lrs?: { box?: SecretBox | null; fetch?: Fetch; keyFileOverride?: string | null; endpointOverride?: string | null };
  /** Who holds the data folder's lock, as a second copy is told (`npm run web`, `npm run setup`…); default "app". */
  purpose?: string;
  /** Read the dashboard's standings in the background after start (the app and the preview; one-shot CLIs need not). */
  warmDashboard?: boolean;
  /** Run the commit path's own work on a sample in the background after start (records/warm-up.ts; the app and the preview). */
  warmCommitPath?: boolean;
}

/** One open data folder: its services and the one door into them. */
export interface App {
  services: Services;
  dispatch: Dispatch;
  /** Settles when the background work of start-up (the warm-ups asked for) is done; never rejects. */
  warmedUp: Promise<void>;
}

/**
 * The composition root, shared by the Electron app, every headless entry point and the tests:
 * check the runtime, choose and prepare the data folder, open the records (lock, check, recover,
 * migrate), wire the services, apply a set-up file at first start, and build the dispatcher.
 */
export function openApp(options: AppOptions): App {
  loadSqlite(); // fail first, and plainly, if this runtime has no node:sqlite
  const argv = options.argv ?? [];
  const setupFile = setupFileArg(argv);
  const dataDir = prepareDataDir(chooseDataDir(argv, options.env ?? {}, options.defaultDataDir));
  const services = wire(dataDir, options);
  try {
    provisionAtFirstStart(services.records.store, dataDir, setupFile, services.clock()); // first start: a set-up file, if any
    // After the set-up file: a new edition in the content wins over the label an older file names.
    const edition = followBundleEdition(services.settings, services.bundle.policy);
    if (edition) services.records.store.audit('app', 'policy.new-edition', { from: edition.from, to: edition.to });
  } catch (err) {
    services.close();
    throw err;
  }
  const warming: Promise<void>[] = [];
  if (options.warmDashboard) {
    warming.push(services.dashboard.warm().catch((err: unknown) => options.log?.('the dashboard could not be prepared in the background', err)));
  }
  if (options.warmCommitPath) {
    warming.push(
      warmCommitPath(services.bundle).then(
        () => undefined,
        (err: unknown) => options.log?.('the commit path could not be warmed up in the background', err),
      ),
    );
  }
  return { services, dispatch: dispatchFor(services, options.log), warmedUp: Promise.all(warming).then(() => undefined) };
}

/** The one door into these services: the handler table behind the contract's access rules. */
export function dispatchFor(services: Services, log?: (msg: string, err: unknown) => void): Dispatch {
  const access = createAccessCheck({
    admin: services.admin,
    session: services.session,
    ownerOf: {
      attemptId: (id) => attemptOwner(services.db, id),
      requestId: (id) => services.requests.authorOf(id),
    },
  });
  return createDispatch(createHandlers(services), access, log);
}

function wire(dataDir: string, options: AppOptions): Services {
  const clock = options.clock ?? (() => new Date());
  const bundle = options.bundle;
  // The records service opens the database: lock, integrity check, recovery, migrations, journal.
  const records = RecordsService.open({
    dataDir,
    bundle,
    clock,
    settings: () => settings.get(),
    schedule: options.recordsMaintenance ?? true,
    ...(options.purpose ? { purpose: options.purpose } : {}),
    // Refresher attempts open and draw by the compliance rules (wired below).
    refresherDraw: (input) => compliance.refresherDraw(input),
  });
  const db = records.db;
  const settings = new SettingsService(db, (e) => void records.store.write(e), clock);
  const compliance = new ComplianceService({ db, bundle, clock, settings: () => settings.get(), write: (e) => records.store.write(e) });
  const services: Services = {
    dataDir,
    appVersion: options.appVersion,
    bundle,
    clock,
    db,
    settings,
    records,
    // A learner at the keyboard never shares the PC with an open admin area.
    session: new SessionService(() => services.admin.lock(), clock),
    admin: new AdminService(new AdminStore(db, (e) => void records.store.write(e)), clock, () => settings.get().adminIdleMinutes),
    dashboard: new DashboardService(db, bundle, settings, clock),
    exports: new ExportService({
      dataDir,
      bundle,
      appVersion: options.appVersion,
      settings: () => settings.get(),
      clock,
      emit: (event) => services.emit(event),
      audit: (e) => records.store.audit(e.actor, e.action, e.detail), // journalled like every record
    }),
    compliance,
    requests: new RequestsService({ db, bundle, clock, settings: () => settings.get(), write: (e) => records.store.write(e) }),
    lrs: new LrsService({
      db,
      dataDir,
      bundle,
      settings: () => settings.get(),
      saveSettings: (lrs) => void settings.set({ lrs }),
      write: (e) => void records.store.write(e), // sent marks, set-asides and state: journalled like every record
      clock,
      box: options.lrs?.box ?? null,
      ...(options.lrs?.fetch ? { fetch: options.lrs.fetch } : {}),
      keyFileOverride: options.lrs?.keyFileOverride ?? null,
      endpointOverride: options.lrs?.endpointOverride ?? null,
    }),
    recordsFile: new RecordsFileImports({ store: records.store, dataDir, trustName: () => settings.get().trustName }),
    onCloseReady: () => {},
    emit: () => {},
    close: () => {
      void services.lrs.stop(); // clears its timer now; a POST in flight keeps its rows pending
      records.close();
    },
  };
  return services;
}
