import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { unzipSync } from 'fflate';
import type { Browser, Frame, Page } from 'playwright-core';
import { SCORM_VERSIONS, type ScormVersion } from '@content/scorm';
import { buildPackage } from '@services/exports/packages/package';
import { launchChromium } from '../helpers/browser';
import { testBundle } from '../helpers/bundle';
import { RENDERER_ROOT, startPreview, type Preview } from '../helpers/preview';
import { startAll, stopAll } from '../helpers/chromium-preview';
import { playLesson, signInStaff } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { callProblems } from '../scorm/standard';

/**
 * A second SCORM host: scorm-again in a parent frame of a tiny test LMS, the exported package's
 * player in an iframe (the real zip the exporter builds). The same answers must give the same
 * result there as in the app's own host.
 */
function startLms(): Promise<{ url: string; close(): Promise<void> }> {
  const packages = new Map<ScormVersion, Record<string, Uint8Array>>();
  for (const version of SCORM_VERSIONS) {
    const built = buildPackage({ bundle: testBundle(), version, trustName: 'Leading Edge Academies Partnership', policyVersionLabel: '0.1', rendererRoot: RENDERER_ROOT });
    packages.set(version, unzipSync(built.zip));
  }
  // The package's browser build (its UMD sets window.Scorm2004API / Scorm12API), as an LMS page loads it.
  const scormAgain = readFileSync(path.join(path.dirname(require.resolve('scorm-again')), 'scorm-again.js'));
  const parent = (version: ScormVersion, moduleId: string): string => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again.js"></script><script src="/lms-${version}.js"></script></head>
<body><iframe id="sco" title="Lesson" src="/${version}/player.html?module=${encodeURIComponent(moduleId)}" style="width:100%;height:900px"></iframe></body></html>`;
  // Every set call is also noted as the player makes it, before scorm-again may rewrite the value.
  const setup = (version: ScormVersion): string =>
    version === 'scorm2004'
      ? `window.API_1484_11 = new Scorm2004API({ lmsCommitUrl: false, autocommit: false, mastery_override: false, logLevel: 5 });
         window.API_1484_11.on('Terminate', function () { window.finalCmi = window.API_1484_11.getFlattenedCMI(); });
         window.setCalls = []; var set = window.API_1484_11.SetValue.bind(window.API_1484_11);
         window.API_1484_11.SetValue = function (e, v) { window.setCalls.push([e, v]); return set(e, v); };`
      : `window.API = new Scorm12API({ lmsCommitUrl: false, autocommit: false, mastery_override: false, logLevel: 5 });
         window.API.on('LMSFinish', function () { window.finalCmi = window.API.getFlattenedCMI(); });
         window.setCalls = []; var set = window.API.LMSSetValue.bind(window.API);
         window.API.LMSSetValue = function (e, v) { window.setCalls.push([e, v]); return set(e, v); };`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (type: string, body: string | Uint8Array): void => {
      res.writeHead(200, { 'Content-Type': type });
      res.end(body);
    };
    const m = /^\/(scorm2004|scorm12)\/(.+)$/.exec(url.pathname);
    if (url.pathname === '/scorm-again.js') return send('text/javascript', scormAgain);
    const page = /^\/lms-(scorm2004|scorm12)\.(html|js)$/.exec(url.pathname);
    if (page) return page[2] === 'html' ? send('text/html', parent(page[1] as ScormVersion, url.searchParams.get('module') ?? 'assessment')) : send('text/javascript', setup(page[1] as ScormVersion));
    if (m) {
      const file = packages.get(m[1] as ScormVersion)?.[m[2] ?? ''];
      if (file) return send(m[2]!.endsWith('.html') ? 'text/html' : m[2]!.endsWith('.css') ? 'text/css' : 'text/javascript', file);
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

let browser: Browser;
let preview: Preview;
let lms: Awaited<ReturnType<typeof startLms>>;

beforeAll(async () => {
  [browser, preview, lms] = await startAll(launchChromium(), startPreview(), startLms());
});
afterAll(() => stopAll(browser, preview, lms));

/** The same answers everywhere: every question right except the third (11 of 12, a pass). */
const pick = (_item: unknown, n: number): 'right' | 'wrong' => (n === 2 ? 'wrong' : 'right');

interface Outcome {
  status: string[];
  score: string | undefined;
  results: string[];
}

function outcome(version: ScormVersion, data: Record<string, unknown>): Outcome {
  const results: string[] = [];
  for (let n = 0; typeof data[`cmi.interactions.${n}.id`] === 'string'; n++) results.push(String(data[`cmi.interactions.${n}.result`]));
  return version === 'scorm2004'
    ? { status: [String(data['cmi.completion_status']), String(data['cmi.success_status'])], score: data['cmi.score.raw'] as string, results }
    : { status: [String(data['cmi.core.lesson_status'])], score: data['cmi.core.score.raw'] as string, results };
}

async function inLms(version: ScormVersion): Promise<Outcome> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${lms.url}/lms-${version}.html`);
  const frame = await new Promise<Frame>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the SCO frame did not load')), 20_000);
    const poll = (): void => {
      const f = page.frames().find((x) => x.url().includes('player.html'));
      if (f) {
        clearTimeout(t);
        resolve(f);
      } else setTimeout(poll, 50);
    };
    poll();
  });
  await frame.locator('[data-testid="step"]').waitFor();
  await playLesson(frame, { course: staffCourse(), pick });
  await frame.getByTestId('finished').waitFor();
  // Leaving the SCO (the LMS closes its frame) is its one Terminate.
  await page.locator('#sco').evaluate((el) => ((el as HTMLIFrameElement).src = 'about:blank'));
  await page.waitForFunction(() => (window as unknown as { finalCmi?: unknown }).finalCmi !== undefined);
  const data = await page.evaluate(() => (window as unknown as { finalCmi: Record<string, unknown> }).finalCmi);
  const calls = await page.evaluate(() => (window as unknown as { setCalls: [string, string][] }).setCalls);
  await page.context().close();
  // The built player inside an LMS frame: every value as it was set, read against the standard.
  expect(calls.length).toBeGreaterThan(12 * 7);
  expect(callProblems(version, calls)).toEqual([]);
  return outcome(version, data);
}

async function inApp(version: ScormVersion, email: string): Promise<Outcome> {
  preview.started.services.settings.set({ scormVersion: version });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(preview.server.url);
  await signInStaff(page, { name: `App ${version}`, email, school: 'Oakfield Primary', pin: '551159' });
  await page.getByTestId('open-assessment').click();
  await playLesson(page, { course: staffCourse(), pick });
  await page.getByTestId('certificate').waitFor();
  await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
  await context.close();
  const row = preview.started.services.db
    .prepare('SELECT a.cmi, a.status FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.work_email = ?')
    .get(email) as { cmi: string; status: string };
  expect(row.status).toBe('passed');
  const cmi = JSON.parse(row.cmi) as { version: string; data: Record<string, string> };
  expect(cmi.version).toBe(version);
  return outcome(version, cmi.data);
}

describe('a second SCORM host: the exported player in an LMS frame records what the app records', () => {
  it.each(SCORM_VERSIONS)('%s: same answers, same result', async (version) => {
    const [lmsResult, appResult] = await Promise.all([inLms(version), inApp(version, `same-${version}@school.example`)]);
    expect(lmsResult.results).toHaveLength(12);
    expect(lmsResult).toEqual(appResult);
    expect(lmsResult.score).toBe('92');
    expect(lmsResult.status).toEqual(version === 'scorm2004' ? ['completed', 'passed'] : ['passed']);
  });
});

/** A lesson opened in the SCORM 2004 LMS page's frame, at its first screen (its Next button shown). */
async function lessonInLmsFrame(moduleId: string): Promise<{ page: Page; frame: Frame }> {
  const page = await (await browser.newContext()).newPage();
  const inFrame = `player.html?module=${moduleId}`;
  await page.goto(`${lms.url}/lms-scorm2004.html?module=${moduleId}`);
  await expect.poll(() => page.frames().some((f) => f.url().includes(inFrame)), { timeout: 20_000 }).toBe(true);
  const frame = page.frames().find((f) => f.url().includes(inFrame))!;
  await frame.getByTestId('next').waitFor();
  return { page, frame };
}

describe('a step is recorded once its screen is painted', () => {
  it("the LMS's setters and commit come after the frame that shows the next screen, and miss nothing", async () => {
    // A lesson of screens in the LMS's frame, opened at its first screen.
    const { page, frame } = await lessonInLmsFrame('personal-use');
    // In the page, twice: Next pressed, the first frame after the screen changed, and the LMS's calls.
    const press = (): Promise<{ painted: number; firstCall: number; calls: string[] }> =>
      frame.evaluate(
        () =>
          new Promise((resolve) => {
            const api = (window.parent as unknown as { API_1484_11: Record<string, (...a: string[]) => string> }).API_1484_11;
            const calls: string[] = [];
            let firstCall = -1;
            const real = { SetValue: api.SetValue!, Commit: api.Commit! };
            // Ends at the LMS's Commit (or after 10 s without one), not after a fixed wait: on a busy
            // machine the idle moment the record waits for can come later than any short window.
            const done = (): void => {
              Object.assign(api, real);
              resolve({ painted, firstCall, calls });
            };
            for (const name of ['SetValue', 'Commit'] as const) {
              api[name] = (...a: string[]) => {
                if (firstCall < 0) firstCall = performance.now();
                calls.push(name === 'Commit' ? 'Commit' : `${a[0]}=${a[1]}`);
                const answer = real[name].apply(api, a);
                if (name === 'Commit') setTimeout(done, 50);
                return answer;
              };
            }
            let painted = -1;
            new MutationObserver((_m, mo) => {
              mo.disconnect();
              requestAnimationFrame(() => (painted = performance.now()));
            }).observe(document.querySelector('[data-testid=step]')!, { attributes: true, childList: true, subtree: true });
            (document.querySelector('[data-testid=next]') as HTMLButtonElement).click();
            setTimeout(done, 10_000);
          }),
      );
    for (let n = 0; n < 2; n++) {
      const timing = await press();
      const shown = await frame.getByTestId('step').getAttribute('data-step');
      expect(timing.painted).toBeGreaterThan(0);
      expect(timing.firstCall).toBeGreaterThan(timing.painted);
      // Nothing is lost by waiting: where the learner is now (the course SCO's location is module:step), the saved place, the commit.
      expect(timing.calls).toEqual([`cmi.location=personal-use:${shown}`, expect.stringMatching(/^cmi\.suspend_data=C1;/), 'Commit']);
    }
    await page.context().close();
  });
});

describe("the player's idle rehearsal of the lesson's step kinds", () => {
  it('is never seen: one step in the document, the focus left on its heading, nothing sent to the LMS', async () => {
    const { page, frame } = await lessonInLmsFrame('personal-use');
    const seen = await frame.evaluate(
      () =>
        new Promise<{ steps: number; headings: number; focused: string | null; calls: number; added: number }>((resolve) => {
          const api = (window.parent as unknown as { API_1484_11: Record<string, (...a: string[]) => string> }).API_1484_11;
          let calls = 0;
          for (const name of ['SetValue', 'Commit', 'GetValue']) {
            const real = api[name]!.bind(api);
            api[name] = (...a: string[]) => {
              calls++;
              return real(...a);
            };
          }
          let added = 0;
          new MutationObserver((records) => (added += records.length)).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
          // Long enough for every idle slice of the rehearsal.
          setTimeout(
            () =>
              resolve({
                steps: document.querySelectorAll('[data-testid=step]').length,
                headings: document.querySelectorAll('h2').length,
                focused: document.activeElement?.getAttribute('data-testid') ?? null,
                calls,
                added,
              }),
            2000,
          );
        }),
    );
    await page.context().close();
    expect(seen).toEqual({ steps: 1, headings: 1, focused: 'step-heading', calls: 0, added: 0 });
  });
});
