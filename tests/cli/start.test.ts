import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const ELECTRON_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * `npm start` as a user runs it, with Electron's documented mirror variable pointing at a local
 * server, so the download fails the same way here, in CI (which has a network) and on a PC with
 * the binary already fetched (the override path makes install-electron treat it as missing).
 */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const began = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'no-electron-here'),
        electron_config_cache: path.join(tmp, 'cache'),
        ...env,
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => resolve({ code, out, err, ms: Date.now() - began }));
  });
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

describe('npm start when Electron cannot be fetched', () => {
  it('says in one paragraph what failed, how to retry, the mirror and proxy variables and npm run web, and exits 1 without building', async () => {
    const asked: string[] = [];
    const mirror = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(404).end();
    });
    const port = await listen(mirror);
    try {
      const r = await npmStart({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` });
      expect(r.code).toBe(1);
      // The download really went to the mirror the documented variable names.
      expect(asked.some((u) => u.includes(`electron-v${ELECTRON_VERSION}-`) && u.endsWith('.zip'))).toBe(true);
      expect(r.err).toContain(`npm start could not fetch Electron ${ELECTRON_VERSION}`);
      expect(r.err).toContain('Response code 404');
      expect(r.err).toContain(`http://127.0.0.1:${port}/`);
      expect(r.err).toContain('run npm start again');
      for (const variable of ['ELECTRON_MIRROR', 'ELECTRON_GET_USE_PROXY', 'HTTPS_PROXY']) expect(r.err).toContain(variable);
      expect(r.err).toContain('npm run web shows the same app in a browser');
      // A plain paragraph: no stack trace, and the build never started.
      expect(r.err).not.toMatch(/^\s+at /m);
      expect(r.out + r.err).not.toContain('vite v');
    } finally {
      mirror.close();
    }
  });

  it('gives up after the time bound when the download host never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s)); // accepts, then says nothing
    const port = await listen(silent);
    try {
      const r = await npmStart({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, LEAP_ELECTRON_FETCH_TIMEOUT_S: '2' });
      expect(r.code).toBe(1);
      expect(r.err).toContain('Fetching Electron');
      expect(r.err).toContain('the download did not finish within 2 seconds');
      expect(r.err).toContain('npm run web shows the same app in a browser');
      expect(r.ms).toBeLessThan(30_000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('refuses a time bound that is not a number of seconds', async () => {
    const r = await npmStart({ LEAP_ELECTRON_FETCH_TIMEOUT_S: 'soon' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('LEAP_ELECTRON_FETCH_TIMEOUT_S must be a number of seconds, not "soon"');
  });
});
