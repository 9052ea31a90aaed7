import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '@host/compose';
import type { Channel, ReplyOf, RequestOf, Result } from '@contract';
import type { Bundle } from '@content/schema';
import { testBundle } from '@tests/helpers/bundle';

/** The real services behind the real dispatcher on a temporary data folder, with a movable clock. */
export interface Harness {
  dataDir: string;
  started: App;
  now: { value: Date };
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ReplyOf<C>>>;
  ok<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>>;
  stop(): void;
  /** Closes the services but keeps the data folder (to start again on it). */
  close(): void;
}

/** `bundle`: other content than the built app's (a new policy edition, say); the same data folder may be reopened with it. */
export function startHarness(now = new Date('2026-10-01T08:00:00Z'), existingDataDir?: string, bundle: Bundle = testBundle()): Harness {
  const dataDir = existingDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'induction-lifecycle-'));
  let current = now;
  /**
   * Moving the clock by days stands for the learner coming back later and signing in again (main
   * ends an idle session after 16 minutes, session-idle.test.ts): whoever was signed in carries over.
   */
  const clock = {
    get value(): Date {
      return current;
    },
    set value(next: Date) {
      const session = started.services.session;
      const who = session.get();
      current = next;
      if (who) session.set(who);
    },
  };
  const started: ReturnType<typeof openApp> = openApp({
    argv: ['--data', dataDir],
    env: {},
    defaultDataDir: dataDir,
    appVersion: '0.0.0-test',
    bundle,
    clock: () => new Date(clock.value),
  });
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ReplyOf<C>>> =>
    (await started.dispatch(channel, request, { transport: 'ipc' })) as Result<ReplyOf<C>>;
  return {
    dataDir,
    started,
    now: clock,
    call,
    async ok(channel, request) {
      const r = await call(channel, request);
      if (!r.ok) throw new Error(`${channel}: expected ok, got ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    stop() {
      started.services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    close() {
      started.services.close();
    },
  };
}

export const ADMIN_PASSWORD = 'a long enough admin passphrase 42';

/** Sets the PC up (which leaves the admin area unlocked) with the Trust's version label. */
export async function setUp(h: Harness, policyVersionLabel = '1'): Promise<void> {
  await h.ok('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel, adminPassword: ADMIN_PASSWORD });
}

/** The admin area opens only when no learner is signed in: sign out, then unlock. */
export async function asAdmin(h: Harness): Promise<void> {
  await h.ok('learners.signOut', {});
  await h.ok('admin.unlock', { password: ADMIN_PASSWORD });
}

let staffNo = 0;
/** Signs a member of staff in (the first time, this creates them); the same email signs the same person in again. */
export async function signInStaff(
  h: Harness,
  role: 'teaching' | 'support' | 'volunteer' | 'leader' | 'account-runner' = 'teaching',
  name = 'Sam Taylor',
  workEmail = `staff${++staffNo}@leap.example`,
): Promise<string> {
  const r = await h.ok('learners.signIn', { name, workEmail, school: 'Hayle Academy', role, pin: '482193' });
  return r.learnerId;
}
