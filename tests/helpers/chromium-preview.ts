import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchProblems } from './browser';
import { startPreview, type Preview } from './preview';
import { seedSmallTrust } from '@tests/services/dashboard/seed';
import { withRawRecordsDb } from '@tests/helpers/records-db';

/** Anything a test starts and must stop again: Chromium, the preview, a test LMS or LRS. */
export type Stoppable = { close(): Promise<unknown> } | { stop(): Promise<unknown> } | null | undefined;

/**
 * Stops every part, each even when an earlier one failed to stop, then throws what failed: one
 * error as it was, several together. A teardown never hides a failure, and never leaves a part
 * running because another part's stop threw.
 */
export async function stopAll(...parts: Stoppable[]): Promise<void> {
  const errors: unknown[] = [];
  for (const part of parts) {
    if (!part) continue;
    try {
      await ('stop' in part ? part.stop() : part.close());
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} parts failed to stop: ${errors.map(String).join('; ')}`);
}

/**
 * Starts the parts together, as Promise.all does; when one fails, the others that started are
 * stopped before the failure is thrown (Promise.all would leave them running, holding the test
 * file open with a temporary data folder behind it).
 */
export async function startAll<T extends readonly Stoppable[]>(...starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  const started = settled.map((s) => (s.status === 'fulfilled' ? (s.value as Stoppable) : undefined));
  if (failures.length === 0) return started as unknown as T; // every start fulfilled, in the order given
  try {
    await stopAll(...started);
  } catch (err) {
    failures.push(err);
  }
  throw failures.length === 1 ? failures[0] : new AggregateError(failures, `could not start: ${failures.map(String).join('; ')}`);
}

export interface ChromiumAndPreview {
  browser: Browser;
  preview: Preview;
}

type PreviewOptions = NonNullable<Parameters<typeof startPreview>[0]>;

/** The admin e2e files' records: the dashboard tests' small trust, on the day its figures hold. */
export const SMALL_TRUST = {
  now: new Date('2026-11-27T12:00:00Z'),
  seed: (preview: Preview): void => withRawRecordsDb(preview.started.services.dataDir, seedSmallTrust),
} as const;

/**
 * One Chromium and one preview (the built app on a fresh temporary data folder) for a test file:
 * started before its tests (then `seed` writes its records), both stopped after them.
 * `onStarted` hands them to the file.
 */
export function useChromiumAndPreview(
  options: PreviewOptions & { seed?: (preview: Preview) => void },
  onStarted: (started: ChromiumAndPreview) => void,
): void {
  let browser: Browser | undefined;
  let preview: Preview | undefined;
  const { seed, ...previewOptions } = options;
  beforeAll(async () => {
    [browser, preview] = await startAll(launchChromium(), startPreview(previewOptions));
    seed?.(preview);
    onStarted({ browser, preview });
  });
  afterAll(() => stopAll(browser, preview));
}

/** The screens the app is used on; 200% zoom on a 1366×768 PC lays the page out in 683×384 CSS pixels. */
export const SCREENS = {
  pc: { width: 1366, height: 768, zoom: 1 },
  laptop: { width: 1024, height: 768, zoom: 1 },
  board: { width: 1920, height: 1080, zoom: 1 },
  pcAt200: { width: 683, height: 384, zoom: 2 },
} as const;

export type Screen = { width: number; height: number; zoom: number };

/**
 * A fresh page at a screen's size and zoom, in its own context, with its problems watched (page
 * errors, console errors, CSP violations: a test expects the list empty). `bypassCSP` only for
 * axe, which is injected as a script.
 */
export async function openPage(
  browser: Browser,
  screen: Screen = SCREENS.pc,
  options: { bypassCSP?: boolean; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.zoom, ...options });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  return { context, page, problems };
}
