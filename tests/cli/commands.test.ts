import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataDirLock } from '@services/storage/lock';
import { recordFiles } from '@services/storage/files';
import { seedStore } from '../services/exports/seed';

const ROOT = path.resolve(__dirname, '../..');
// Each test starts real npm commands (npm, Node, tsx, the content compiler): slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000 });
// The exit codes every command shares (docs/commands.md), written out here, not imported.
const DONE = 0;
const FAILED = 1;
const USAGE = 2;
const BUSY = 3;

let tmp: string;
let seeded: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'commands-'));
  const s = seedStore();
  seeded = s.dataDir;
  s.services.close();
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(seeded, { recursive: true, force: true });
});

/** `npm run <script> -- args` exactly as a user types it; out/ is reused (vitest built it). */
function npm(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: { ...process.env, SKIP_BUILD: '1', FORCE_COLOR: '0' } });
}
function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}
const run = (script: string, args: string[]) => finished(npm(script, args));

/** Resolves with stdout so far once `pattern` has appeared in it. */
function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (pattern.test(out)) resolve(out);
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before ${pattern}: ${out}${err}`)));
  });
}
const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('npm run web', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops on ${signal} sent to the npm process: server, port and data-folder lock released`, async () => {
      const data = path.join(tmp, `web-${signal}`);
      const child = npm('web', ['--data', data]);
      const closed = finished(child);
      const first = await waitFor(child, /Preview: http:\/\/127\.0\.0\.1:(\d+)\//);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(first)?.[1]);
      expect(await portOpen(port)).toBe(true);
      expect(existsSync(recordFiles(data).lock)).toBe(true);
      child.kill(signal); // npm's own pid, not the server's
      const r = await closed;
      expect(r.code).toBe(DONE);
      expect(await portOpen(port)).toBe(false);
      expect(existsSync(recordFiles(data).lock)).toBe(false);
      // And the folder opens again at once, as the next command would.
      expect((await run('records', ['verify', '--data', data])).code).toBe(DONE);
    });
  }
});

describe('the data-folder lock, for every command', () => {
  it('refuses npm run setup, records and export with exit 3 while another process holds the folder, naming it', async () => {
    const data = path.join(tmp, 'held');
    const pw = path.join(tmp, 'pw.txt');
    writeFileSync(pw, 'correct horse battery staple\n');
    // A real seeded folder (so export and records get as far as the lock), held by "another copy".
    const s = seedStore();
    s.services.close();
    const held = DataDirLock.acquire(recordFiles(s.dataDir).lock, 'the test holding the folder');
    try {
      const setup = await run('setup', ['--data', data, '--trust', 'LEAP', '--schools', 'A', '--admin-password-file', pw]);
      expect(setup.code).toBe(DONE); // a different folder: not held
      const [heldSetup, verify, exported] = await Promise.all([
        run('setup', ['--data', s.dataDir, '--trust', 'LEAP', '--schools', 'A', '--admin-password-file', pw]),
        run('records', ['verify', '--data', s.dataDir]),
        run('export', ['--data', s.dataDir, '--format', 'csv', '--out', path.join(tmp, 'held.csv')]),
      ]);
      expect(heldSetup.code).toBe(BUSY);
      expect(heldSetup.err).toContain('already open in another copy of the app (the test holding the folder');
      expect(verify.code).toBe(BUSY);
      expect(exported.code).toBe(BUSY);
      expect(existsSync(path.join(tmp, 'held.csv'))).toBe(false);
    } finally {
      held.release();
      rmSync(s.dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run export --out', () => {
  it('takes a path ending in / as a folder: creates it and writes the dated file inside, never a file named like the folder', async () => {
    const folder = path.join(tmp, 'exports', 'new-folder');
    const r = await run('export', ['--data', seeded, '--format', 'csv', '--out', `${folder}/`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(DONE);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^results-\d{4}-\d\d-\d\d\.csv$/)]);
  });
});

describe('npm run records', () => {
  it('with no command prints its usage, listing every command, and exits 2', async () => {
    const r = await run('records', []);
    expect(r.code).toBe(USAGE);
    expect(r.err).toContain('Usage: npm run records -- COMMAND --data DIR');
    for (const command of ['verify', 'list', 'recover', 'export-person', 'erase', 'bench']) expect(r.err).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect((await run('records', ['frobnicate', '--data', seeded])).code).toBe(USAGE);
  });

  it('recover on a mistyped folder says there are no records there, exits 1 and creates nothing', async () => {
    const typo = path.join(tmp, 'no-such-folder');
    const answers = await Promise.all(['recover', 'verify', 'list'].map((command) => run('records', [command, '--data', typo])));
    for (const r of answers) {
      expect(r.code).toBe(FAILED);
      expect(r.err).toContain(`there are no records in ${typo}`);
    }
    expect(existsSync(typo)).toBe(false);
  });
});

describe('npm run setup', () => {
  it('exits 2 with its usage on a bad command line', async () => {
    const r = await run('setup', ['--colour', 'red']);
    expect(r.code).toBe(USAGE);
    expect(r.err).toContain('Usage: npm run setup');
  });
});
