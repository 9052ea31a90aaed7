import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '@host/compose';
import type { Channel, RequestOf, Result } from '@contract';
import { testBundle } from '@tests/helpers/bundle';

export interface Harness {
  dataDir: string;
  started: App;
  now: { value: Date };
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<unknown>>;
  /** A fresh services instance on the same data folder, as after quitting and starting again. */
  restart(argv?: string[]): Harness;
  stop(): void;
}

/** The real services behind the real dispatcher, on a temporary data folder, with a movable clock. */
export function startHarness(options: { dataDir?: string; argv?: string[]; now?: { value: Date } } = {}): Harness {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'induction-admin-'));
  const now = options.now ?? { value: new Date('2026-11-27T10:00:00Z') };
  const started = openApp({
    argv: ['--data', dataDir, ...(options.argv ?? [])],
    env: {},
    defaultDataDir: dataDir,
    appVersion: '0.0.0-test',
    bundle: testBundle(),
    clock: () => new Date(now.value),
  });
  const harness: Harness = {
    dataDir,
    started,
    now,
    call: (channel, request) => started.dispatch(channel, request, { transport: 'ipc' }),
    restart(argv) {
      started.services.close();
      return startHarness({ dataDir, now, ...(argv ? { argv } : {}) });
    },
    stop() {
      started.services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

export const SETUP = {
  trustName: 'Leading Edge Academies Partnership',
  schools: ['Mounts Bay Academy', 'Hayle Academy'],
  policyVersionLabel: '2026.1',
  adminPassword: ADMIN_PASSWORD,
};

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorCode(result: Result<unknown>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error.code;
}

/** Who is at the keyboard in the access tests: learners A and B are staff; the pupil was started by B. */
export type KeyboardRole = 'nobody' | 'learner A' | 'learner B' | 'admin' | 'pupil';

/** Puts that person at the keyboard of `pc`, straight through the session (no sign-in to pay for). */
export function becomeRole(pc: Harness, role: KeyboardRole, ids: { a: string; b: string; pupil: string }): void {
  const s = pc.started.services;
  s.session.clear();
  s.admin.lock();
  if (role === 'learner A') s.session.set({ learnerId: ids.a, kind: 'staff' });
  if (role === 'learner B') s.session.set({ learnerId: ids.b, kind: 'staff' });
  if (role === 'admin') s.admin.beginSessionAfterSetup();
  if (role === 'pupil') {
    s.session.set({ learnerId: ids.b, kind: 'staff' });
    s.session.startPupil(ids.pupil, ids.b);
  }
}
