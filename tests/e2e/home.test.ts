import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Preview } from '../helpers/preview';
import { useChromiumAndPreview } from '../helpers/chromium-preview';

let browser: Browser;
let preview: Preview;

useChromiumAndPreview({}, (started) => ({ browser, preview } = started));

describe('the home screen in Chromium, under the production CSP', () => {
  it('shows the Trust and the policy version, and nothing leaves 127.0.0.1', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    // Report CSP violations from inside the page (the listener itself is in a 'self' script: the bridge's).
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });

    const response = await page.goto(preview.server.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect.poll(() => page.getByTestId('policy-version').textContent()).toBe('0.1');
    await expect.poll(() => page.locator('header').textContent()).toContain('Leading Edge Academies Partnership');

    // A change of Trust name in settings shows after a reload: the page reads app.info, not a constant.
    preview.started.services.settings.set({ trustName: 'Oakfield Learning Trust' });
    await page.reload();
    await expect.poll(() => page.locator('header').textContent()).toContain('Oakfield Learning Trust');

    expect(requests.length).toBeGreaterThan(2);
    for (const url of requests) expect(new URL(url).hostname, url).toBe('127.0.0.1');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('moves the focus to the next screen and the help guide once they load (neither is in the first screen\'s code)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(preview.server.url);
    await page.getByTestId('go-sign-in').waitFor();
    await page.getByTestId('who-to-tell').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wtt-title');
    await page.keyboard.press('Escape');
    await page.getByTestId('go-sign-in').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sign-in-title');
    await context.close();
  });

  it('blocks an inline script injected into the page (the CSP is really enforced)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().startsWith('CSP')) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP ${e.violatedDirective}`));
    });
    await page.goto(preview.server.url);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.appendChild(s);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await context.close();
  });
});
