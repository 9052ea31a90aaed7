import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { DataDirLock } from '@services/storage/lock';
import { BUNDLE_FILE } from '@tests/helpers/bundle';
import { harness, removeDir, tempDir } from '../records/helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const ROOT = path.resolve(__dirname, '../../..');

describe('one process per data folder', () => {
  it('refuses a second process with a message that says who holds the records', async () => {
    const dir = tempDir('records-lock-');
    dirs.push(dir);
    // A real second process: `npm run demo` writing continuously into the folder (with a private
    // copy of the built bundle, which another test run may be rebuilding).
    const bundle = path.join(tempDir('records-lock-bundle-'), 'bundle.json');
    dirs.push(path.dirname(bundle));
    copyFileSync(BUNDLE_FILE, bundle);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/demo.ts'), '--data', dir, '--continuous', '--bundle', bundle], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`demo exited early (${code})`)));
      });
      expect(() => harness({ dataDir: dir })).toThrow(new RegExp(`already open in another copy of the app \\(npm run demo ${child.pid} on ${os.hostname()}`));
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // Its process is gone: the lock is stale and the next start takes it over.
    const h = harness({ dataDir: dir });
    expect(h.services.records.health().integrity).toBe('ok');
    h.close();
  }, 60_000);

  it('takes over a lock left by a process that no longer exists, and a half-written one', () => {
    const dir = tempDir('records-lock-');
    dirs.push(dir);
    const file = recordFiles(dir).lock;
    writeFileSync(file, JSON.stringify({ pid: 999_999_999, host: os.hostname(), since: '2026-01-01T00:00:00Z', purpose: 'app' }));
    DataDirLock.acquire(file, 'test').release();
    writeFileSync(file, '{"pid":');
    DataDirLock.acquire(file, 'test').release();
  });

  it('refuses a lock held on another computer (a shared folder) rather than guess whether it is alive', () => {
    const dir = tempDir('records-lock-');
    dirs.push(dir);
    const file = recordFiles(dir).lock;
    writeFileSync(file, JSON.stringify({ pid: 1234, host: 'OTHER-PC', since: '2026-01-01T00:00:00Z', purpose: 'app' }));
    expect(() => DataDirLock.acquire(file, 'test', new Date(), () => false)).toThrow(/process 1234 on OTHER-PC|app 1234 on OTHER-PC/);
  });
});
