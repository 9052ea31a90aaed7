import type { Bundle } from '../../content/schema';
import { chooseDataDir, prepareDataDir } from './data-dir';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { createServices, type Services } from './index';
import { loadSqlite } from './db/sqlite';
import { provisionAtBoot } from './setup/boot';

export interface BootOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  defaultDataDir: string;
  appVersion: string;
  bundle: Bundle;
  clock?: () => Date;
  log?: (msg: string, err: unknown) => void;
}

export interface Started {
  services: Services;
  dispatch: Dispatch;
}

/** The start-up shared by the Electron app and the headless entry points. */
export function boot(options: BootOptions): Started {
  loadSqlite(); // fail first, and plainly, if this runtime has no node:sqlite
  const dataDir = prepareDataDir(chooseDataDir(options.argv, options.env, options.defaultDataDir));
  const services = createServices({
    dataDir,
    appVersion: options.appVersion,
    bundle: options.bundle,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    provisionAtBoot(services.db, dataDir, options.argv, services.clock()); // first start: a set-up file, if any
  } catch (err) {
    services.close();
    throw err;
  }
  return { services, dispatch: createDispatch(createHandlers(services), options.log) };
}
