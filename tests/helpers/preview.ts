import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { boot, type Started } from '../../electron/services/boot';
import { startPreviewServer, type PreviewServer } from '../../electron/services/preview/server';
import { testBundle } from './bundle';

export const RENDERER_ROOT = path.resolve(__dirname, '../../out/renderer');

export interface Preview {
  server: PreviewServer;
  started: Started;
  dataDir: string;
  /** Moves the injected clock (lifecycle tests). */
  setNow(date: Date): void;
  stop(): Promise<void>;
}

/**
 * The same preview `npm run web` starts, in-process, on a fresh data folder: the built renderer,
 * the real services, the real CSP. globalSetup has built out/ already.
 */
export async function startPreview(options: { now?: Date; dataDir?: string } = {}): Promise<Preview> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'induction-preview-'));
  let now = options.now ?? null;
  const started = boot({
    argv: ['--data', dataDir],
    env: {},
    defaultDataDir: dataDir,
    appVersion: '0.0.0-test',
    bundle: testBundle(),
    clock: () => (now ? new Date(now) : new Date()),
  });
  const server = await startPreviewServer({ rendererRoot: RENDERER_ROOT, dispatch: started.dispatch });
  started.services.emit = (event) => server.emit(event);
  return {
    server,
    started,
    dataDir,
    setNow: (d) => {
      now = d;
    },
    stop: async () => {
      await server.close();
      started.services.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
