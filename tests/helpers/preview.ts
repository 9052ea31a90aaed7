import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '@host/compose';
import { startPreviewServer, type PreviewServer } from '@host/preview/server';
import type { Bundle } from '@content/schema';
import { testBundle } from './bundle';
import { applySetup } from '@services/setup/apply';
import { setMainClock } from './main-clock';

/** The administrator password of a preview started set up (the default). */
export const PREVIEW_ADMIN_PASSWORD = 'preview admin password';
// Its scrypt hash, made once, so each preview starts without paying for the slow hash.
export const PREVIEW_ADMIN_HASH = '$scrypt$ln=17,r=8,p=1$9mhMfz3BDVslixUprUI0cA==$qQvBS+Xm3ezG1mItXFj+xzKibTrUkB7mikme4u55nG4=';

export const RENDERER_ROOT = path.resolve(__dirname, '../../out/renderer');

export interface Preview {
  server: PreviewServer;
  started: App;
  dataDir: string;
  /** Moves the injected clock (lifecycle tests). */
  setNow(date: Date): void;
  /** Moves main's clock on by `ms` (a learner reading: main times each answer). */
  advance(ms: number): void;
  stop(): Promise<void>;
}

/**
 * The same preview `npm run web` starts, in-process, on a fresh data folder: the built renderer,
 * the real services, the real CSP. globalSetup has built out/ already.
 */
export async function startPreview(
  options: { now?: Date; dataDir?: string; /** false: a PC not set up yet (default true) */ setUp?: boolean; /** other content than the built app's */ bundle?: Bundle } = {},
): Promise<Preview> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'induction-preview-'));
  let now = options.now ?? null;
  // Real time runs on, shifted by what the tests moved it (a learner's reading time).
  let skew = 0;
  const started = openApp({
    argv: ['--data', dataDir],
    env: {},
    defaultDataDir: dataDir,
    appVersion: '0.0.0-test',
    bundle: options.bundle ?? testBundle(),
    clock: () => (now ? new Date(now) : new Date(Date.now() + skew)),
  });
  if (options.setUp !== false && !started.services.admin.isSetUp()) {
    // Set up as IT would, with no school list (any school signs in) and the default settings.
    const defaults = started.services.settings.get();
    applySetup(started.services.records.store, { trustName: defaults.trustName, schools: defaults.schools, policyVersionLabel: defaults.policyVersionLabel, adminPasswordHash: PREVIEW_ADMIN_HASH }, started.services.clock(), 'test preview');
  }
  const server = await startPreviewServer({ rendererRoot: RENDERER_ROOT, dispatch: started.dispatch });
  started.services.emit = (event) => server.emit(event);
  const advance = (ms: number): void => {
    if (now) now = new Date(now.getTime() + ms);
    else skew += ms;
  };
  setMainClock(advance);
  return {
    server,
    started,
    dataDir,
    setNow: (d) => {
      now = d;
    },
    advance,
    stop: async () => {
      await server.close();
      started.services.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
