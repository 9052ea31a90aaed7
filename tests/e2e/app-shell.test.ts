import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Preview } from '../helpers/preview';
import { openPage, useChromiumAndPreview } from '../helpers/chromium-preview';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

/**
 * Holds back Vue's chunk (without it no code of the app can run) until `release` is called: what
 * shows meanwhile is the app shell, which public/boot.js fills and shows.
 */
async function holdTheApp(page: Page): Promise<{ asked: Promise<void>; release: () => void }> {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let noteAsked = (): void => {};
  const asked = new Promise<void>((resolve) => (noteAsked = resolve));
  await page.route(/\/assets\/vue-[\w-]+\.js$/, async (route) => {
    noteAsked();
    await released;
    await route.continue();
  });
  return { asked, release };
}

/** Vue marks the element it has taken over (its app instance on the container). */
const appStarted = (page: Page): Promise<boolean> => page.evaluate(() => '__vue_app__' in (document.getElementById('app') ?? {}));

describe('the app shell: the home screen before the app has started (issue 19 item 6)', () => {
  it("shows the home screen with the Trust's details before the app's code has arrived; the app then takes over the same nodes, focus and all", async () => {
    const { context, page, problems } = await openPage(browser);
    const app = await holdTheApp(page);
    await page.goto(preview.server.url, { waitUntil: 'commit' }); // 'load' would wait for the held chunk
    await app.asked;
    await page.getByTestId('go-sign-in').waitFor({ state: 'visible' });
    expect(await appStarted(page)).toBe(false);
    expect(await page.locator('header .brand').textContent()).toBe('Leading Edge Academies Partnership');
    expect(await page.locator('.home .trust').textContent()).toBe('Leading Edge Academies Partnership');
    expect(await page.getByTestId('policy-version').textContent()).toBe('0.1');
    expect(await page.locator('#app').textContent()).not.toContain('%%');

    // Someone tabs to "Staff: sign in" while the app is still on its way.
    await page.evaluate(() => ((document.querySelector('[data-testid="go-sign-in"]') as HTMLElement & { shellNode?: true }).shellNode = true));
    await page.getByTestId('go-sign-in').focus();
    app.release();
    await expect.poll(() => appStarted(page), { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement & { shellNode?: true }).shellNode === true)).toBe(true);
    expect(await page.locator('#home-title').count()).toBe(1);

    // Its buttons now do what they say.
    await page.getByTestId('read-policy').click();
    await expect.poll(() => page.locator('#main h1').textContent(), { timeout: 10_000 }).not.toBe('Social media: staying safe and professional');
    // No hydration mismatch (Vue reports one as a console error), no CSP violation.
    expect(problems).toEqual([]);
    await context.close();
  });

  it("has main's two answers in before boot.js runs (the bridge asks as the page starts), and the app asks neither again", async () => {
    const { context, page, problems } = await openPage(browser);
    const answered: string[] = [];
    page.on('requestfinished', (request) => {
      const channel = /\/__api\/(setup\.status|app\.info)$/.exec(request.url())?.[1];
      if (channel) answered.push(channel);
    });
    let releaseBoot = (): void => {};
    const bootReleased = new Promise<void>((resolve) => (releaseBoot = resolve));
    await page.route(/\/boot\.js$/, async (route) => {
      await bootReleased;
      await route.continue();
    });
    await page.goto(preview.server.url, { waitUntil: 'commit' });
    // boot.js has not arrived, so nothing of the page's own has run, and both answers are in.
    await expect.poll(() => [...answered].sort(), { timeout: 10_000 }).toEqual(['app.info', 'setup.status']);
    expect(await page.evaluate(() => window.__boot)).toBeUndefined();
    releaseBoot();
    await page.getByTestId('go-sign-in').waitFor({ state: 'visible' });
    await expect.poll(() => appStarted(page), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('header .brand').textContent()).toBe('Leading Edge Academies Partnership');
    expect(answered.sort()).toEqual(['app.info', 'setup.status']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("asks again when an early answer was refused as not from the app (a page still starting), and shows the shell all the same", async () => {
    const { context, page, problems } = await openPage(browser);
    const asked: string[] = [];
    let refused = false;
    await page.route(/\/__api\/setup\.status$/, async (route) => {
      asked.push('setup.status');
      if (refused) return route.continue();
      refused = true;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app itself' } }) });
    });
    const app = await holdTheApp(page);
    await page.goto(preview.server.url, { waitUntil: 'commit' });
    await app.asked;
    await page.getByTestId('go-sign-in').waitFor({ state: 'visible' });
    expect(asked).toEqual(['setup.status', 'setup.status']);
    app.release();
    await expect.poll(() => appStarted(page), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('#home-title').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps a press made on the shell and carries it out once the app has started', async () => {
    const { context, page, problems } = await openPage(browser);
    const app = await holdTheApp(page);
    await page.goto(preview.server.url, { waitUntil: 'commit' }); // 'load' would wait for the held chunk
    await app.asked;
    // The shell shows once main has answered, which on a busy machine can be after the chunk is asked for.
    await page.getByTestId('go-sign-in').waitFor({ state: 'visible' });
    await page.getByTestId('go-sign-in').focus();
    await page.keyboard.press('Enter');
    // Nothing can happen yet: the press is kept.
    expect(await page.locator('#main h1').textContent()).toBe('Social media: staying safe and professional');
    app.release();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('sign-in-title');
    expect(await page.locator('#main h1').textContent()).toBe('Staff sign in');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("without main's app.info the shell stays hidden and the app draws the home screen itself", async () => {
    const { context, page, problems } = await openPage(browser);
    await page.route(/\/__api\/app\.info$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'No app info here.' } }) }),
    );
    await page.goto(preview.server.url);
    await page.getByTestId('go-sign-in').waitFor({ state: 'visible' });
    expect(await page.locator('#app').textContent()).not.toContain('%%');
    expect(await page.locator('header .brand').textContent()).toBe('Social Media Policy training');
    expect(await page.getByRole('alert').textContent()).toBe('No app info here.');
    await page.getByTestId('go-sign-in').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('sign-in-title');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("puts the Trust's details in as text: markup or a token in a name stays the name", async () => {
    const trustName = '<b>Oak & Ash</b> %%policy.title%% <img src=x>';
    preview.started.services.settings.set({ trustName });
    try {
      const { context, page, problems } = await openPage(browser);
      const app = await holdTheApp(page);
      await page.goto(preview.server.url, { waitUntil: 'commit' }); // 'load' would wait for the held chunk
      await app.asked;
      await page.getByTestId('go-sign-in').waitFor({ state: 'visible' });
      expect(await page.locator('header .brand').textContent()).toBe(trustName);
      expect(await page.locator('#app b, #app img').count()).toBe(0);
      app.release();
      await expect.poll(() => appStarted(page), { timeout: 10_000 }).toBe(true);
      expect(await page.locator('.home .trust').textContent()).toBe(trustName);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      preview.started.services.settings.set({ trustName: 'Leading Edge Academies Partnership' });
    }
  });
});
