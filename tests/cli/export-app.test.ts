import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '@host/compose';
import { runAppExport } from '@host/app-export';
import { userArgs, wantsAppExport } from '@cli/args/app';
import { testBundle } from '../helpers/bundle';
import { NOW, seedRows } from '../services/exports/seed';

const PASSWORD = 'correct horse battery staple';
let dir: string;
let outDir: string;
let started: App;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'app-export-'));
  outDir = mkdtempSync(path.join(os.tmpdir(), 'app-export-out-'));
  started = openApp({ argv: ['--data', dir], env: {}, defaultDataDir: dir, appVersion: '0.0.0-test', bundle: testBundle(), clock: () => new Date(NOW) });
  seedRows(started.services);
  const r = await started.dispatch('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel: '2.0', adminPassword: PASSWORD }, { transport: 'ipc' });
  expect(r.ok).toBe(true);
  started.services.admin.lock();
  writeFileSync(path.join(dir, 'good.txt'), `${PASSWORD}\n`);
  writeFileSync(path.join(dir, 'bad.txt'), 'not the password\n');
});
afterAll(() => {
  started.services.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe("the packaged app's --export", () => {
  it('is recognised among Electron’s own arguments', () => {
    expect(wantsAppExport(userArgs(['/opt/app/leap', '--export', 'csv'], true))).toBe(true);
    expect(wantsAppExport(userArgs(['/usr/bin/electron', 'out/main/index.js'], false))).toBe(false);
  });

  it('exports with the administrator password from a file, then locks again', async () => {
    const out = path.join(outDir, 'totara.csv');
    const r = await runAppExport(started.services, ['--export', 'totara', '--out', out, '--admin-password-file', path.join(dir, 'good.txt')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Exported 2 row(s) as totara');
    expect(readFileSync(out, 'utf8').startsWith('username,courseshortname,')).toBe(true);
    expect(started.services.admin.isUnlocked()).toBe(false);
    const audit = started.services.db.prepare("SELECT actor FROM audit_log WHERE action = 'export'").all() as { actor: string }[];
    expect(audit.at(-1)?.actor).toBe('app-cli');
  });

  it('refuses a wrong password (counted towards the lockout) and a bad command line', async () => {
    const out = path.join(outDir, 'nope.csv');
    const before = started.services.admin.status().failures;
    const wrong = await runAppExport(started.services, ['--export', 'csv', '--out', out, '--admin-password-file', path.join(dir, 'bad.txt')]);
    expect(wrong.code).toBe(1);
    expect(started.services.admin.status().failures).toBe(before + 1);
    expect(existsSync(out)).toBe(false);
    const missing = await runAppExport(started.services, ['--export', 'csv', '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--admin-password-file F is required');
    const unreadable = await runAppExport(started.services, ['--export', 'csv', '--out', out, '--admin-password-file', path.join(dir, 'absent.txt')]);
    expect(unreadable.code).toBe(2);
  });
});
