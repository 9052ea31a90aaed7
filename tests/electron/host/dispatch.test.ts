import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '@host/compose';
import { testBundle } from '@tests/helpers/bundle';

let dir: string;
let started: App;
const ctx = { transport: 'ipc' as const };

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-'));
  started = openApp({ argv: ['--data', dir], env: {}, defaultDataDir: dir, appVersion: '1.2.3', bundle: testBundle(), clock: () => new Date('2026-11-27T10:00:00Z') });
});
afterAll(() => {
  started.services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the contract dispatcher', () => {
  it('reports the app, the Trust and the policy, and the data folder to nobody but the administrator', async () => {
    const res = await started.dispatch('app.info', {}, ctx);
    expect(res).toMatchObject({
      ok: true,
      value: {
        appVersion: '1.2.3',
        trustName: 'Leading Edge Academies Partnership',
        dataDir: null, // not set up, so no administrator is signed in
        policy: { title: expect.stringMatching(/social media/i), edition: '0.1', versionLabel: '0.1', nextReview: 'Summer 2024', reviewOverdue: true },
      },
    });
  });

  it.each([
    ['an unknown channel', 'files.readAll', {}, 'unknown-channel'],
    ['a non-string channel', 42, {}, 'unknown-channel'],
    ['extra keys', 'app.info', { evil: true }, 'invalid-request'],
    ['a wrong type', 'settings.set', { trustName: 7 }, 'invalid-request'],
    ['an empty name', 'settings.set', { trustName: '   ' }, 'invalid-request'],
    ['duplicate schools', 'settings.set', { schools: ['Oak Primary', 'oak primary'] }, 'invalid-request'],
    ['a payload that is not an object', 'settings.set', 'DROP TABLE settings', 'invalid-request'],
  ])('answers %s with a typed error, never a crash', async (_name, channel, payload, code) => {
    const res = await started.dispatch(channel, payload, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe(code);
      expect(res.error.message.length).toBeGreaterThan(5);
    }
  });

  it('says which field is wrong', async () => {
    const res = await started.dispatch('settings.set', { schools: ['Oak', ''] }, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/schools\.1: must not be empty/);
  });
});
