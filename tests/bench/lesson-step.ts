import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import type { Services } from '@host/services';
import { serveFolder } from './static-server';

const SCORM_API = path.resolve(__dirname, '../../node_modules/scorm-again/dist/scorm2004.min.js');

export interface StepSample {
  dom: number;
  raf: number;
  paint: number;
}

export interface LessonSteps {
  samples: StepSample[];
  modules: string[];
}


/**
 * How long after a step is painted the next Next is pressed: the quickest a person can see a screen
 * and press (simple visual reaction is about a quarter of a second; a learner reading the step
 * takes seconds). Pressing the instant the frame is painted (0) is measured too, as the figure of a
 * moment no learner meets: the page and the previous frame's work still running.
 */
export const READER_PAUSE_MS = 250;

/** The screen a member of staff meets the app and its lessons on (the tests' SCREENS.pc). */
export const STAFF_PC = { width: 1366, height: 768 } as const;
/** Unpacks the real SCORM 2004 package of the staff course (what an LMS receives). */
async function unpackPackage(services: Services, dir: string): Promise<string> {
  const zip = path.join(dir, 'course.zip');
  await services.exports.run({ format: 'scorm2004' }, zip, 'bench');
  const root = path.join(dir, 'package');
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return root;
}

/**
 * One press of Next, timed inside the page (source text: tsx's helpers do not exist in the page): performance.now() just before the click; a
 * MutationObserver notes when the step (data-step / data-phase / heading) has changed, i.e. the
 * next screen's DOM is in place; a requestAnimationFrame queued then gives the next frame's start,
 * and a task posted from that callback runs after that frame is painted.
 */
const PRESS_NEXT = `new Promise((resolve) => {
  const step = () => {
    const s = document.querySelector('[data-testid=step]');
    return s ? s.dataset.phase + '|' + s.dataset.step + '|' + (s.querySelector('h2')?.textContent ?? '') : '';
  };
  const button = document.querySelector('[data-testid=next]');
  if (!button || button.disabled) return resolve(null);
  const before = step();
  let t0 = 0;
  let dom = -1;
  const mo = new MutationObserver(() => {
    if (dom >= 0 || step() === before) return;
    dom = performance.now() - t0;
    mo.disconnect();
    requestAnimationFrame(() => {
      const raf = performance.now() - t0;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ dom, raf, paint: performance.now() - t0 });
      ch.port2.postMessage(0);
    });
  });
  mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  setTimeout(() => { if (dom < 0) { mo.disconnect(); resolve(null); } }, 5000);
  t0 = performance.now();
  button.click();
})`;

export function pressNext(page: Page): Promise<StepSample | null> {
  return page.evaluate(PRESS_NEXT) as Promise<StepSample | null>;
}

/**
 * The lesson player as the exported SCORM 2004 package runs it (player.html + content.js +
 * assets, built by the real exporter), served from 127.0.0.1, with scorm-again's Scorm2004API
 * as the LMS (window.API_1484_11, injected before the page's scripts). Every staff lesson is
 * played from its first screen, Next pressed `pauseMs` after the step before was painted (and
 * after the first screen showed) until there is none, until `wanted` samples.
 */
export async function measureLessonSteps(browser: Browser, services: Services, wanted: number, pauseMs: number): Promise<LessonSteps> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'induction-bench-player-'));
  const served = await serveFolder(await unpackPackage(services, dir));
  const course = services.bundle.courses.find((c) => c.id === 'staff-induction');
  const lessons = (course?.modules ?? []).filter((m) => m.kind === 'lesson').map((m) => m.id);
  if (lessons.length === 0) throw new Error('the staff course has no lessons to play');
  const samples: StepSample[] = [];
  const modules: string[] = [];
  const problems: string[] = [];
  try {
    for (let round = 0; samples.length < wanted && round < 4 * lessons.length; round++) {
      const moduleId = lessons[round % lessons.length] as string;
      const context = await browser.newContext({ viewport: STAFF_PC });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(e.message));
      await page.addInitScript({ path: SCORM_API });
      await page.addInitScript('window.API_1484_11 = new window.Scorm2004API({ logLevel: 5, autocommit: false });');
      await page.goto(`${served.url}player.html?module=${encodeURIComponent(moduleId)}`);
      const ready = await page
        .waitForSelector('[data-testid=next]', { timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (!ready) {
        const text = (await page.textContent('body'))?.trim().slice(0, 300) ?? '';
        throw new Error(`the player did not show a Next button for ${moduleId}: ${problems.join('; ') || text}`);
      }
      modules.push(moduleId);
      for (let i = 0; i < 40 && samples.length < wanted; i++) {
        if (pauseMs > 0) await page.waitForTimeout(pauseMs);
        const s = await pressNext(page);
        if (!s) break;
        samples.push(s);
      }
      await context.close();
    }
  } finally {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (samples.length === 0) throw new Error(`no lesson step could be measured${problems.length ? `: ${problems.join('; ')}` : ''}`);
  return { samples, modules };
}
