import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle, BundleCourse, Module } from '@content/schema';
import { correctResponse, type Cmi } from '@content/scorm';
import { sendHonestly } from '@tests/helpers/honest';
import type { Channel, RequestOf, Result, ReplyOf } from '@contract';
import { openApp } from '@host/compose';
import type { Dispatch } from '@host/dispatch';
import type { Services } from '@host/services';
import { addInteraction, demoResponse, itemsOf, rng, setProgress } from '@services/records/demo';
import { testBundle } from '@tests/helpers/bundle';
import { PREVIEW_ADMIN_HASH } from '@tests/helpers/preview';
import { applySetup } from '@services/setup/apply';

export const tempDir = (prefix = 'records-'): string => mkdtempSync(path.join(os.tmpdir(), prefix));

export interface Harness {
  dataDir: string;
  services: Services;
  dispatch: Dispatch;
  bundle: Bundle;
  now: { value: Date };
  /** Through the real dispatcher; returns the envelope. */
  raw<C extends Channel>(channel: C, request: RequestOf<C> | Record<string, unknown>): Promise<Result<ReplyOf<C>>>;
  /** Through the real dispatcher; throws on an error envelope. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>>;
  close(): void;
}

/**
 * The app's real services and dispatcher on a temp data folder, with an injected clock. The PC is
 * set up as IT would (main refuses learners before that) unless `setUp: false`.
 */
export function harness(options: { dataDir?: string; now?: Date; maintenance?: boolean; appVersion?: string; bundle?: Bundle; setUp?: boolean } = {}): Harness {
  const dataDir = options.dataDir ?? tempDir();
  const now = { value: options.now ?? new Date('2026-11-27T10:00:00Z') };
  const bundle = options.bundle ?? testBundle();
  const { services, dispatch } = openApp({ defaultDataDir: dataDir, appVersion: options.appVersion ?? '0.0.0-test', bundle, clock: () => new Date(now.value), recordsMaintenance: options.maintenance ?? false });
  if (options.setUp !== false && !services.admin.isSetUp()) {
    const defaults = services.settings.get();
    applySetup(services.records.store, { trustName: defaults.trustName, schools: defaults.schools, policyVersionLabel: defaults.policyVersionLabel, adminPasswordHash: PREVIEW_ADMIN_HASH }, services.clock(), 'test harness');
  }
  const raw = async <C extends Channel>(channel: C, request: unknown) => (await dispatch(channel, request, { transport: 'ipc' })) as Result<ReplyOf<C>>;
  return {
    dataDir,
    services,
    dispatch,
    bundle,
    now,
    raw,
    call: async (channel, request) => {
      const r = await raw(channel, request);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    close: () => services.close(),
  };
}

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

export const STAFF = { name: 'Ann Example', workEmail: 'ann@example.sch.uk', school: 'Example Academy', role: 'teaching', pin: '246813' } as const;
export const PUPIL = { firstName: 'Sam', initial: 'T', className: 'Oak 4', band: 'ks2' } as const;

export function course(bundle: Bundle, id: string): BundleCourse {
  const c = bundle.courses.find((x) => x.id === id);
  if (!c) throw new Error(`no course ${id}`);
  return c;
}

export function assessmentOf(c: BundleCourse): Module {
  const m = c.modules.find((x) => x.kind === 'assessment');
  if (!m) throw new Error(`no assessment in ${c.id}`);
  return m;
}

/**
 * A cmi answering the drawn items: `right(i)` decides each answer; `latencyMs` how long each took;
 * `claim` what the renderer says about passing (null: nothing).
 */
export function answeredCmi(
  bundle: Bundle,
  c: BundleCourse,
  m: Module,
  drawnItemIds: readonly string[],
  o: { version?: Cmi['version']; right: (i: number) => boolean; latencyMs?: number; claim?: boolean | null; finished?: boolean; count?: number },
): Cmi {
  const cmi: Cmi = { version: o.version ?? 'scorm2004', data: {} };
  const r = rng('answers');
  const items = itemsOf(c, m, drawnItemIds).slice(0, o.count ?? drawnItemIds.length);
  items.forEach((item, i) => {
    const key = bundle.answerKey[item.id];
    if (!key) throw new Error(`no key for ${item.id}`);
    const right = o.right(i);
    addInteraction(cmi, i, {
      itemId: item.id,
      clauseIds: key.clauseIds,
      kind: key.kind,
      neutral: demoResponse(r, key, item, right),
      correctResponse: correctResponse(key),
      right,
      latencyMs: o.latencyMs ?? 15_000,
    });
  });
  setProgress(cmi, items.length, drawnItemIds.length, o.finished ?? true, o.claim ?? null);
  return cmi;
}

/** sendHonestly (tests/helpers/honest.ts) through this harness: each answer timed by main's clock. */
export const playHonestly = (h: Harness, attemptId: string, fromSeq: number, full: Cmi, o: Parameters<typeof sendHonestly>[5] = {}) =>
  sendHonestly((channel, request) => h.call(channel, request), h.now, attemptId, fromSeq, full, { thinkMs: 15_000, ...o });

/** A harness per test: make one with the returned function; it is closed and its folder removed after each test. */
export function harnessPerTest(): (options?: Parameters<typeof harness>[0]) => Harness {
  let current: Harness | null = null;
  afterEach(() => {
    if (!current) return;
    current.close();
    removeDir(current.dataDir);
    current = null;
  });
  return (options) => (current = harness(options));
}
