import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle } from '@content/schema';
import { openApp } from '@host/compose';
import type { Services } from '@host/services';
import type { Dispatch } from '@host/dispatch';
import { applySetup } from '@services/setup/apply';
import { PREVIEW_ADMIN_HASH } from '../helpers/preview';

/** A data folder with the real services on it (no hourly maintenance timer) and the real dispatcher. */
export interface BenchStore {
  dir: string;
  services: Services;
  dispatch: Dispatch;
  /** The app's background start-up work (the commit path's warm-up) done: a learner signs in after it. */
  warmedUp: Promise<void>;
  close(): void;
}

/** A fixed "today", so the seeded Trust's due and expiry dates come out the same every run. */
export const BENCH_NOW = new Date('2026-11-27T12:00:00Z');

export function openBenchStore(bundle: Bundle, dir?: string): BenchStore {
  const dataDir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'induction-bench-'));
  const { services, dispatch, warmedUp } = openApp({
    defaultDataDir: dataDir,
    appVersion: 'bench',
    bundle,
    clock: () => new Date(BENCH_NOW),
    recordsMaintenance: false,
    log: (msg, err) => console.error(`bench: ${msg}`, err),
    // As the app starts (electron/main): the dashboard's warm-up is measured by its own group.
    warmCommitPath: true,
  });
  if (!services.admin.isSetUp()) {
    // Main refuses learners on a PC not set up: set it up as IT would, with the default settings.
    const d = services.settings.get();
    applySetup(services.records.store, { trustName: d.trustName, schools: d.schools, policyVersionLabel: d.policyVersionLabel, adminPasswordHash: PREVIEW_ADMIN_HASH }, services.clock(), 'bench');
  }
  return { dir: dataDir, services, dispatch, warmedUp, close: () => services.close() };
}

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

export async function call<T>(dispatch: Dispatch, channel: string, request: unknown): Promise<T> {
  const r = await dispatch(channel, request, { transport: 'ipc' });
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
