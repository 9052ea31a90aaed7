import { afterEach, describe, expect, it } from 'vitest';
import Module, { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPECTED_APP_CSP } from '../helpers/expected-csp';

/**
 * Electron cannot run here, so the BUILT main process (out/main/index.js, as packaged) is loaded
 * against a strict stand-in for 'electron': any API the stand-in does not model throws, so a
 * main process that starts using something new fails here instead of silently passing.
 */
const MAIN = path.resolve(__dirname, '../../out/main/index.js');
const requireFromHere = createRequire(__filename);

interface Recorded {
  events: string[];
  windows: { options: Record<string, unknown>; url?: string }[];
  protocolHandler?: (req: { url: string }) => Promise<Response>;
  quit: number;
  errors: string[];
}

function strict<T extends object>(name: string, impl: T): T {
  return new Proxy(impl, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule' || prop === 'default') {
        return prop === 'default' ? receiver : Reflect.get(target, prop, receiver);
      }
      if (!(prop in target)) throw new Error(`electron stand-in: ${name}.${prop} is not modelled`);
      return Reflect.get(target, prop, receiver);
    },
  });
}

function standIn(rec: Recorded, options: { gotLock: boolean; userData: string }) {
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((r) => (ready = r));
  const appListeners = new Map<string, (...a: unknown[]) => void>();
  const webContents = () =>
    strict('webContents', {
      on: () => undefined,
      send: () => undefined,
      setWindowOpenHandler: () => undefined,
    });
  class BrowserWindow {
    webContents = webContents();
    constructor(opts: Record<string, unknown>) {
      rec.events.push('window');
      rec.windows.push({ options: opts });
      return strict('BrowserWindow', this);
    }
    loadURL(url: string) {
      rec.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
    removeMenu() {}
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return false;
    }
  }
  const session = strict('session', {
    protocol: strict('session.protocol', {
      handle: (scheme: string, fn: Recorded['protocolHandler']) => {
        rec.events.push(`handle:${scheme}`);
        rec.protocolHandler = fn;
      },
    }),
    setPermissionRequestHandler: () => rec.events.push('permission-request-handler'),
    setPermissionCheckHandler: () => rec.events.push('permission-check-handler'),
    setDevicePermissionHandler: () => rec.events.push('device-permission-handler'),
    webRequest: strict('webRequest', { onBeforeRequest: () => rec.events.push('web-request-filter') }),
    on: (event: string) => rec.events.push(`session:${event}`),
  });
  return {
    electron: strict('electron', {
      app: strict('app', {
        isPackaged: true,
        requestSingleInstanceLock: () => {
          rec.events.push('lock');
          return options.gotLock;
        },
        quit: () => {
          rec.quit += 1;
        },
        exit: (code?: number) => rec.events.push(`exit:${code ?? 0}`),
        on: (event: string, fn: (...a: unknown[]) => void) => appListeners.set(event, fn),
        whenReady: () => readyPromise,
        getPath: (name: string) => (name === 'userData' ? options.userData : os.tmpdir()),
        getVersion: () => '9.9.9',
      }),
      protocol: strict('protocol', {
        registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
          rec.events.push(`privileged:${schemes.map((s) => s.scheme).join(',')}`);
          expect(schemes[0]!.privileges).toMatchObject({ standard: true, secure: true });
        },
      }),
      session: strict('electron.session', {
        defaultSession: session,
        // The LRS sender's own in-memory session (never the window's, whose requests stay locked).
        fromPartition: (name: string) => {
          rec.events.push(`partition:${name}`);
          return strict('lrs session', {
            setPermissionRequestHandler: () => undefined,
            fetch: () => Promise.reject(new Error('no network in this test')),
          });
        },
      }),
      safeStorage: strict('safeStorage', { isEncryptionAvailable: () => false }),
      BrowserWindow,
      ipcMain: strict('ipcMain', { handle: () => rec.events.push('ipc') }),
      dialog: strict('dialog', { showErrorBox: (_t: string, msg: string) => rec.errors.push(msg) }),
    }),
    ready: () => {
      rec.events.push('ready');
      ready();
    },
    appListeners,
  };
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;
const dirs: string[] = [];

function loadBuiltMain(options: { gotLock: boolean; argv?: string[] }) {
  expect(existsSync(MAIN), 'out/main/index.js is built by globalSetup').toBe(true);
  const userData = mkdtempSync(path.join(os.tmpdir(), 'built-main-'));
  dirs.push(userData);
  const rec: Recorded = { events: [], windows: [], quit: 0, errors: [] };
  const fake = standIn(rec, { ...options, userData });
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  delete requireFromHere.cache[MAIN];
  const argv = process.argv;
  if (options.argv) process.argv = [argv[0]!, ...options.argv];
  try {
    requireFromHere(MAIN);
  } finally {
    process.argv = argv;
  }
  return { rec, ...fake };
}

afterEach(() => {
  moduleWithLoad._load = originalLoad;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('registers app:// as privileged before ready, then opens one locked-down window on it', async () => {
    const { rec, ready } = loadBuiltMain({ gotLock: true });
    expect(rec.events.slice(0, 2)).toEqual(['privileged:app', 'lock']);
    ready();
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.errors).toEqual([]);
    expect(rec.events).toEqual(
      expect.arrayContaining(['permission-request-handler', 'permission-check-handler', 'web-request-filter', 'handle:app', 'ipc', 'window', 'session:will-download']),
    );
    expect(rec.events.indexOf('ready')).toBeGreaterThan(rec.events.indexOf('privileged:app'));
    expect(rec.windows).toHaveLength(1);
    const win = rec.windows[0]!;
    expect(win.url).toBe('app://app/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false });
  });

  it('gives the window the built preload, which exists and is CommonJS', async () => {
    const { rec, ready } = loadBuiltMain({ gotLock: true });
    ready();
    await new Promise((r) => setTimeout(r, 50));
    const preload = (rec.windows[0]!.options.webPreferences as { preload: string }).preload;
    expect(existsSync(preload)).toBe(true);
    const code = readFileSync(preload, 'utf8');
    expect(code).toMatch(/require\("electron"\)/);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("api"');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('answers index.html and player.html through app:// with the CSP header', async () => {
    const { rec, ready } = loadBuiltMain({ gotLock: true });
    ready();
    await new Promise((r) => setTimeout(r, 50));
    for (const page of ['index.html', 'player.html']) {
      const res = await rec.protocolHandler!({ url: `app://app/${page}` });
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_APP_CSP);
      expect(await res.text()).toMatch(/<script type="module"[^>]+src="\.\/assets\//);
    }
    expect((await rec.protocolHandler!({ url: 'app://app/../main/index.js' })).status).toBe(404);
  });

  it('ships the SCORM schema files beside the built main, without the validation-only wrappers', () => {
    const dir = path.resolve(__dirname, '../../out/main/scorm-xsd');
    expect(existsSync(path.join(dir, 'scorm12', 'imscp_rootv1p1p2.xsd'))).toBe(true);
    expect(existsSync(path.join(dir, 'scorm2004-4th', 'imscp_v1p1.xsd'))).toBe(true);
    expect(existsSync(path.join(dir, 'scorm2004-4th', 'common', 'anyElement.xsd'))).toBe(true);
    expect(existsSync(path.join(dir, 'scorm12', 'scorm12_wrapper.xsd'))).toBe(false);
  });

  it('exits with a message, before anything else, when started with a debugging or inspector switch', async () => {
    for (const arg of ['--remote-debugging-port=9222', '--remote-debugging-pipe', '--inspect-brk=9229', '--js-flags=--expose-gc', '--remote-allow-origins=*']) {
      const { rec, ready } = loadBuiltMain({ gotLock: true, argv: [arg] });
      ready();
      await new Promise((r) => setTimeout(r, 20));
      expect(rec.events, arg).toEqual(['exit:2', 'ready']);
      expect(rec.errors[0], arg).toContain(`does not run with ${arg.split('=')[0]}`);
      expect(rec.windows).toHaveLength(0);
    }
  });

  it('ships the documents’ font and its licence beside the built main', () => {
    const dir = path.resolve(__dirname, '../../out/main/fonts');
    for (const f of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']) expect(readFileSync(path.join(dir, f)).subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
    expect(readFileSync(path.join(dir, 'OFL.txt'), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });

  it('refuses a second instance: it quits without opening a window', async () => {
    const { rec, ready } = loadBuiltMain({ gotLock: false });
    ready();
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.quit).toBe(1);
    expect(rec.windows).toHaveLength(0);
  });
});
