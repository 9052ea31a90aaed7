import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { unzipSync } from 'fflate';
import type { Browser, Frame, Page } from 'playwright-core';
import type { ScormVersion } from '@content/scorm';

/**
 * Serves the emulated LMS (emulated-lms.js) and exported packages on 127.0.0.1: the site page
 * holds the LMS's records, the player page inside it holds the API and the SCO's frame.
 */
export interface LmsBehaviour {
  version: ScormVersion;
  stickyTerminate?: boolean;
  fireAndForget?: boolean;
  throwOnRelaunch?: boolean;
  mode?: 'normal' | 'review' | 'browse';
  refuseCommits?: boolean;
  throwOnCommit?: boolean;
}

/** Moodle's SCORM player as issue 17 found it, per version (its quirks, from its public runtime). */
export const MOODLE: Record<ScormVersion, LmsBehaviour> = {
  scorm2004: { version: 'scorm2004', stickyTerminate: true, fireAndForget: true },
  scorm12: { version: 'scorm12', fireAndForget: true, throwOnRelaunch: true },
};

const EMULATOR = readFileSync(path.join(__dirname, 'emulated-lms.js'));

export interface EmulatedLms {
  url: string;
  /** Serves an exported package's zip under /pkg/<name>/. */
  install(name: string, zip: Uint8Array): void;
  close(): Promise<void>;
}

export function startEmulatedLms(): Promise<EmulatedLms> {
  const packages = new Map<string, Record<string, Uint8Array>>();
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Uint8Array): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/lms/emulated-lms.js') return send(200, 'text/javascript', EMULATOR);
    if (url.pathname === '/lms/site.html') {
      return send(200, 'text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Emulated LMS</title><script src="/lms/emulated-lms.js"></script><script>LeapTestLms.site(window)</script></head>
<body><h1>Course page</h1><iframe id="player-page" title="LMS player" style="width:100%;height:1000px;border:0" src="about:blank"></iframe></body></html>`);
    }
    if (url.pathname === '/lms/player.html') {
      const config = url.searchParams.get('config') ?? '{}';
      return send(200, 'text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS player</title><script src="/lms/emulated-lms.js"></script></head>
<body><nav><a id="toc-sco" href="#">The course</a></nav><div id="content"></div>
<script>LeapTestLms.player(window, ${JSON.stringify(JSON.parse(config))})</script></body></html>`);
    }
    if (url.pathname === '/lms/left.html') return send(200, 'text/html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Left</title></head><body><p>You left the activity.</p></body></html>');
    const m = /^\/pkg\/([a-z0-9-]+)\/(.+)$/.exec(url.pathname);
    const file = m ? packages.get(m[1]!)?.[decodeURIComponent(m[2]!)] : undefined;
    if (!file) return send(404, 'text/plain', 'not found');
    return send(200, types[path.extname(m![2]!)] ?? 'application/octet-stream', file);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        install: (name, zip) => packages.set(name, unzipSync(zip)),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export interface LoggedCall {
  page: number;
  call: string;
  element: string | null;
  value: string | null;
  result: string;
}

/** One learner's visits to one package in the emulated LMS, in one browser page (the site). */
export class LmsVisit {
  /** Errors thrown in any of the visit's pages (the SCO's included). */
  readonly errors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly lms: EmulatedLms,
    private readonly pkg: string,
    private readonly behaviour: LmsBehaviour,
  ) {}

  static async begin(browser: Browser, lms: EmulatedLms, pkg: string, behaviour: LmsBehaviour): Promise<LmsVisit> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    const visit = new LmsVisit(page, lms, pkg, behaviour);
    page.on('pageerror', (e) => visit.errors.push(e.message));
    await page.goto(`${lms.url}/lms/site.html`);
    return visit;
  }

  /** Opens the activity from the course page: a new player page, a new API from the stored records. */
  async open(options: { module?: string; mode?: LmsBehaviour['mode'] } = {}): Promise<Frame> {
    const config = {
      ...this.behaviour,
      ...(options.mode ? { mode: options.mode } : {}),
      launch: `/pkg/${this.pkg}/player.html${options.module ? `?module=${options.module}` : ''}`,
      learner: { id: 'leap-0042', name: 'Test, Ada' },
    };
    const before = await this.launches();
    await this.page.locator('#player-page').evaluate((el, src) => ((el as HTMLIFrameElement).src = src), `/lms/player.html?config=${encodeURIComponent(JSON.stringify(config))}`);
    return this.sco(before);
  }

  /** The LMS's own menu entry for the course: the SCO is launched again in the same player page. */
  async relaunchInPage(): Promise<Frame> {
    const before = await this.launches();
    await this.playerFrame().locator('#toc-sco').click();
    return this.sco(before);
  }

  /** The learner leaves with the LMS's Exit: the player page goes (the SCO's pagehide). */
  async exit(): Promise<void> {
    await this.page.locator('#player-page').evaluate((el) => ((el as HTMLIFrameElement).src = '/lms/left.html'));
    await this.page.waitForFunction(() => (document.getElementById('player-page') as HTMLIFrameElement).contentDocument?.title === 'Left');
  }

  /** The LMS's records, once every save still on its way has landed (in the order the LMS applies them). */
  async stored(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const s = (window as unknown as { __server: { deliver(): number; store: Record<string, string> } }).__server;
      s.deliver();
      return { ...s.store };
    });
  }

  /** Records without landing the saves on their way (what the LMS holds right now). */
  async storedNow(): Promise<Record<string, string>> {
    return this.page.evaluate(() => ({ ...(window as unknown as { __server: { store: Record<string, string> } }).__server.store }));
  }

  async seed(elements: Record<string, string>): Promise<void> {
    await this.page.evaluate((e) => (window as unknown as { __server: { seed(x: Record<string, string>): void } }).__server.seed(e), elements);
  }

  async calls(): Promise<LoggedCall[]> {
    return this.page.evaluate(() => (window as unknown as { __server: { calls: LoggedCall[] } }).__server.calls.slice());
  }

  async queued(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __server: { queue: unknown[] } }).__server.queue.length);
  }

  async heal(): Promise<void> {
    await this.playerFrame().evaluate(() => (window as unknown as { __lmsPlayer: { heal(): void } }).__lmsPlayer.heal());
  }

  playerFrame(): Frame {
    const f = this.page.frames().find((x) => x.url().includes('/lms/player.html'));
    if (!f) throw new Error('the LMS player page is not open');
    return f;
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }

  private launches(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __server: { launches: number } }).__server.launches);
  }

  /** The SCO's frame of the launch after `before`, once its player has rendered. */
  private async sco(before: number): Promise<Frame> {
    await this.page.waitForFunction((n) => (window as unknown as { __server: { launches: number } }).__server.launches > n, before, { timeout: 20_000 });
    for (let i = 0; i < 400; i++) {
      const frame = this.page.frames().find((f) => f.url().includes(`/pkg/${this.pkg}/player.html`) && !f.isDetached());
      if (frame && (await frame.locator('#player > *').count().catch(() => 0)) > 0) return frame;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the SCO did not render in 20 s');
  }
}

/** Element values of one interaction field across the stored interactions, in index order. */
export function interactionField(stored: Record<string, string>, field: string): string[] {
  const out: string[] = [];
  for (let n = 0; stored[`cmi.interactions.${n}.id`] !== undefined; n++) out.push(stored[`cmi.interactions.${n}.${field}`] ?? '');
  return out;
}
