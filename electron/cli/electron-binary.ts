import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Electron 42 and later fetch their binary on first use, not at `npm install`, and electron-vite
 * reads `node_modules/electron/path.txt` without fetching it. So `npm start` runs Electron's own
 * `install-electron` first: it returns at once when the binary is there, and otherwise downloads
 * it through @electron/get, which honours Electron's documented mirror and proxy variables.
 */
export type FetchResult = { ok: true } | { ok: false; reason: string };

const ELECTRON_DIR = (root: string): string => path.join(root, 'node_modules/electron');

export const electronVersion = (root: string): string =>
  (JSON.parse(readFileSync(path.join(ELECTRON_DIR(root), 'package.json'), 'utf8')) as { version: string }).version;

/** The one line worth showing from install-electron's error output (it prints a stack trace). */
export function failureReason(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Downloading'));
  const last = lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? 'no reason given';
  return last.replace(/^(\w*Error): /, '');
}

/**
 * Runs install-electron with a bound: a firewall that drops packets, or a proxy that never
 * answers, must not leave `npm start` hanging. `onSlow` is called once if it takes over a second
 * (i.e. it is really downloading), so the user knows why nothing else is happening.
 */
export function fetchElectron(opts: { root: string; timeoutMs: number; env: NodeJS.ProcessEnv; onSlow: () => void }): Promise<FetchResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ELECTRON_DIR(opts.root), 'install.js')], {
      cwd: opts.root,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    let timedOut = false;
    const slow = setTimeout(opts.onSlow, 1000);
    const bound = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      // A child stuck in a system call may ignore SIGTERM; it must still end.
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(slow);
      clearTimeout(bound);
      resolve({ ok: false, reason: `install-electron did not run: ${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(slow);
      clearTimeout(bound);
      if (timedOut) resolve({ ok: false, reason: `the download did not finish within ${describeSeconds(opts.timeoutMs / 1000)}` });
      else if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, reason: `the download failed: ${failureReason(output)}` });
    });
  });
}

export const describeSeconds = (s: number): string => (s >= 120 && s % 60 === 0 ? `${s / 60} minutes` : `${s} seconds`);

/** Where @electron/get downloads from: a mirror when one is set (any of its spellings), else GitHub. */
export function downloadSource(env: NodeJS.ProcessEnv): string {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? env.NPM_CONFIG_ELECTRON_MIRROR;
  return mirror ? `the mirror in ELECTRON_MIRROR (${mirror})` : 'GitHub (github.com/electron/electron/releases)';
}

/** The browser preview's command here (npm runs `web` with exec, which Windows' cmd.exe lacks). */
const previewCommand = process.platform === 'win32' ? 'node --import tsx electron/cli/web.ts' : 'npm run web';

/** The one plain paragraph `npm start` prints when the binary cannot be fetched. */
export function fetchFailedMessage(version: string, reason: string, source: string): string {
  return [
    `npm start could not fetch Electron ${version}, the runtime the desktop app runs in (${reason}).`,
    `Electron downloads it the first time the app starts, not at npm install, from ${source}.`,
    'To retry, run npm start again once the connection works; nothing needs undoing first.',
    "Electron's own download settings apply (https://www.electronjs.org/docs/latest/tutorial/installation):",
    'behind a proxy, set ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY (and NO_PROXY for exceptions); where',
    "GitHub is blocked, set ELECTRON_MIRROR to a mirror of Electron's releases (with ELECTRON_CUSTOM_DIR",
    `if its folders are named differently). Meanwhile, ${previewCommand} shows the same app in a browser,`,
    'with no download.',
  ].join('\n');
}
