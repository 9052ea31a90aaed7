import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { Browser, Frame } from 'playwright-core';
import { buildPackage } from '@services/exports/packages/package';
import { deriveAnswerKey, type BundleCourse, type Item } from '@content/schema';
import { launchChromium } from '../helpers/browser';
import { testBundle } from '../helpers/bundle';
import { RENDERER_ROOT } from '../helpers/preview';
import { SCORM_VERSIONS, shortestWalk } from '@content/scorm';

/**
 * Each exported package, unzipped and served under an LMS-like sub-path on 127.0.0.1, runs in a
 * frame whose parent page hosts real scorm-again as the LMS. A scripted learner passes the
 * assessment; the parent must hold completed/passed, the score and the interactions.
 */
const SCORM_AGAIN = path.resolve(__dirname, '../../node_modules/scorm-again/dist/scorm-again.js');
type Version = (typeof SCORM_VERSIONS)[number];

const lmsPage = (version: Version, launch: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/lms/scorm-again.js"></script>
<script>
  // The LMS: scorm-again with no commit URL (no network); the SCO finds it by the standard walk.
  var settings = { lmsCommitUrl: false, logLevel: 5, autocommit: false${version === 'scorm12' ? ', mastery_override: false' : ''} };
  var api = new window.${version === 'scorm2004' ? 'Scorm2004API' : 'Scorm12API'}(settings);
  window.${version === 'scorm2004' ? 'API_1484_11' : 'API'} = api;
  window.__lms = { commits: 0, finished: false };
  api.on('${version === 'scorm2004' ? 'Commit' : 'LMSCommit'}', function () { window.__lms.commits++; });
  api.on('${version === 'scorm2004' ? 'Terminate' : 'LMSFinish'}', function () { window.__lms.finished = true; });
</script></head>
<body><h1>Test LMS</h1><iframe id="sco" title="Course" src="${launch}" width="1000" height="900"></iframe></body></html>`;

let browser: Browser;
let server: http.Server;
let base = '';
const roots = new Map<string, string>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    if (url.pathname === '/lms/scorm-again.js') return send(200, 'text/javascript', readFileSync(SCORM_AGAIN));
    const page = /^\/lms\/(scorm2004|scorm12)\.html$/.exec(url.pathname);
    if (page) return send(200, 'text/html', lmsPage(page[1] as Version, url.searchParams.get('launch') ?? ''));
    const file = /^\/lms\/content\/([a-z0-9-]+)\/(.+)$/.exec(url.pathname);
    const root = file ? roots.get(file[1]!) : undefined;
    if (!file || !root) return send(404, 'text/plain', 'not found');
    const abs = path.join(root, decodeURIComponent(file[2]!));
    if (!abs.startsWith(root) || !existsSync(abs)) return send(404, 'text/plain', 'not found');
    const ext = path.extname(abs);
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
    return send(200, types[ext] ?? 'application/octet-stream', readFileSync(abs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const dir of roots.values()) rmSync(dir, { recursive: true, force: true });
});

/** Unzips a freshly exported package into its own folder, served at /lms/content/<name>/. */
function install(version: Version, only: { courseId?: string; moduleId?: string } = {}): { name: string; course: BundleCourse } {
  const bundle = testBundle();
  const pkg = buildPackage({ bundle, version, trustName: 'Leading Edge Academies Partnership', policyVersionLabel: '2.0', rendererRoot: RENDERER_ROOT, ...only });
  const dir = mkdtempSync(path.join(os.tmpdir(), `pkg-${version}-`));
  for (const [name, data] of Object.entries(unzipSync(pkg.zip))) {
    const abs = path.join(dir, name);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, data);
  }
  const name = `${version}-${roots.size}`;
  roots.set(name, dir);
  return { name, course: bundle.courses.find((c) => c.id === (only.courseId ?? 'staff-induction'))! };
}

/** The option at `nodeId` on the scenario's best walk (the learner follows that walk). */
function bestOption(item: Extract<Item, { kind: 'branching' }>, nodeId: string): string {
  const key = deriveAnswerKey(item);
  const step = key.kind === 'branching' ? shortestWalk(key, true)?.find((s) => s.startsWith(`${nodeId}.`)) : undefined;
  if (!step) throw new Error(`no best walk through ${item.id} passes ${nodeId}`);
  return step.slice(nodeId.length + 1);
}

/** A learner who reads each screen, answers every question right and acknowledges the policy. */
async function passModule(frame: Frame, course: BundleCourse, moduleId: string): Promise<number> {
  const items = new Map<string, Item>([...course.bank, ...course.modules.flatMap((m) => m.questions ?? [])].map((i) => [i.id, i]));
  let answered = 0;
  for (let guard = 0; guard < 400; guard++) {
    const step = frame.locator('[data-testid="step"]');
    await step.waitFor();
    const phase = await step.getAttribute('data-phase');
    if (phase === 'done') return answered;
    if (phase === 'question') {
      const form = frame.locator('form.question');
      const itemId = (await form.getAttribute('data-item'))!;
      const node = (await form.getAttribute('data-node')) ?? '';
      const item = items.get(itemId);
      if (!item) throw new Error(`item ${itemId} of ${moduleId} is not in the package's content`);
      if (item.kind === 'single') await form.locator(`input[type="radio"][value="${item.options.find((o) => o.correct === true)!.id}"]`).check();
      else if (item.kind === 'trueFalse') await form.locator(`input[type="radio"][value="${String(item.answer)}"]`).check();
      else if (item.kind === 'branching') await form.locator(`input[type="radio"][value="${bestOption(item, node)}"]`).check();
      else if ((await form.locator('.tap-sort').count()) > 0) {
        // A pupil sorts by tapping a card, then its box.
        for (const card of item.cards) {
          await form.locator(`.tap-sort button[data-card="${card.id}"]`).click();
          await form.locator(`.tap-sort [data-group="${card.group}"] .sort-box-button`).click();
        }
      } else for (const card of item.cards) await form.locator(`select[id$="-${card.id}"]`).selectOption(card.group);
      await form.locator('button[type="submit"]').click();
      if (item.kind !== 'branching') answered++;
      await frame.locator(`form.question[data-item="${itemId}"][data-node="${node}"]`).waitFor({ state: 'detached' });
      continue;
    }
    if (phase === 'acknowledge') {
      await frame.locator('form.acknowledge input[type="checkbox"]').check();
      await frame.locator('form.acknowledge button[type="submit"]').click();
      await frame.locator('[data-testid="step"][data-phase="acknowledge"]').waitFor({ state: 'detached' });
      continue;
    }
    const before = `${phase}|${await frame.locator('[data-testid="step-heading"]').textContent()}|${await step.getAttribute('data-step')}`;
    await frame.locator('[data-testid="next"]').click();
    await frame.waitForFunction(
      (prev) => {
        const s = document.querySelector('[data-testid="step"]');
        const h = document.querySelector('[data-testid="step-heading"]');
        return `${s?.getAttribute('data-phase')}|${h?.textContent}|${s?.getAttribute('data-step')}` !== prev;
      },
      before,
    );
  }
  throw new Error('the module did not finish within 400 steps');
}

describe.each(SCORM_VERSIONS)('the %s course package (one SCO) in an LMS (scorm-again parent, sub-path)', (version) => {
  it('a scripted learner passes the assessment and the LMS records completed/passed with the interactions', async () => {
    const { name, course } = install(version);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const launch = `/lms/content/${name}/player.html?module=assessment`;
      await page.goto(`${base}/lms/${version}.html?launch=${encodeURIComponent(launch)}`);
      const frame = page.frameLocator('#sco');
      await frame.locator('[data-testid="step"]').waitFor({ timeout: 20_000 });
      const handle = page.frames().find((f) => f.url().includes('/player.html'))!;
      expect(new URL(handle.url()).pathname).toBe(`/lms/content/${name}/player.html`);
      const answered = await passModule(handle, course, 'assessment');
      expect(answered).toBeGreaterThan(0);
      // The course SCO terminates once, when the learner leaves it (the LMS closes its frame).
      await frame.getByTestId('finished').waitFor();
      await page.locator('#sco').evaluate((el) => ((el as HTMLIFrameElement).src = 'about:blank'));
      await page.waitForFunction(() => (window as unknown as { __lms: { finished: boolean } }).__lms.finished, null, { timeout: 10_000 });
      const cmi = (await page.evaluate(() => {
        const w = window as unknown as Record<string, { getFlattenedCMI(): unknown }>;
        return (w.API_1484_11 ?? w.API)!.getFlattenedCMI();
      })) as Record<string, string>;
      const lms = (await page.evaluate(() => (window as unknown as { __lms: unknown }).__lms)) as { commits: number };
      expect(lms.commits).toBeGreaterThan(0);
      const interactions = Object.keys(cmi).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k));
      expect(interactions.length).toBeGreaterThanOrEqual(answered);
      const results = interactions.map((k) => cmi[k.replace(/\.id$/, '.result')]);
      expect(results.every((r) => r === 'correct'), JSON.stringify(results)).toBe(true);
      if (version === 'scorm2004') {
        expect(cmi['cmi.completion_status']).toBe('completed');
        expect(cmi['cmi.success_status']).toBe('passed');
        expect(Number(cmi['cmi.score.scaled'])).toBeGreaterThanOrEqual(0.8);
        expect(cmi['cmi.interactions.0.learner_response']).not.toBe('');
      } else {
        expect(cmi['cmi.core.lesson_status']).toBe('passed');
        expect(Number(cmi['cmi.core.score.raw'])).toBeGreaterThanOrEqual(80);
        expect(cmi['cmi.interactions.0.student_response']).not.toBe('');
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a per-module pupil package (SCORM 1.2, KS3)', () => {
  it('runs its one lesson to completion under the LMS', async () => {
    const { name, course } = install('scorm12', { courseId: 'pupils-ks3', moduleId: 'what-you-share' });
    const page = await browser.newPage();
    try {
      const launch = `/lms/content/${name}/player.html?module=what-you-share`;
      await page.goto(`${base}/lms/scorm12.html?launch=${encodeURIComponent(launch)}`);
      await page.frameLocator('#sco').locator('[data-testid="step"]').waitFor({ timeout: 20_000 });
      const frame = page.frames().find((f) => f.url().includes('/player.html'))!;
      await passModule(frame, course, 'what-you-share');
      await frame.getByTestId('finished').waitFor();
      await page.locator('#sco').evaluate((el) => ((el as HTMLIFrameElement).src = 'about:blank'));
      await page.waitForFunction(() => (window as unknown as { __lms: { finished: boolean } }).__lms.finished, null, { timeout: 10_000 });
      const status = await page.evaluate(() => (window as unknown as { API: { getFlattenedCMI(): Record<string, string> } }).API.getFlattenedCMI()['cmi.core.lesson_status']);
      expect(status).toBe('completed');
    } finally {
      await page.close();
    }
  });
});
