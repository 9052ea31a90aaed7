import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startAll, stopAll } from './chromium-preview';

// The e2e files' set-up and teardown: a failure to start or to stop is never hidden, and never
// leaves a Chromium or a server running behind it.
const part = (name: string, stopped: string[], fails = false) => ({
  stop: async (): Promise<void> => {
    stopped.push(name);
    if (fails) throw new Error(`${name} would not stop`);
  },
});

describe('stopAll', () => {
  it('stops every part, in order, skipping parts that never started', async () => {
    const stopped: string[] = [];
    await stopAll(part('chromium', stopped), undefined, part('preview', stopped), null);
    expect(stopped).toEqual(['chromium', 'preview']);
  });

  it('stops the later parts when an earlier one throws, then throws that error as it was', async () => {
    const stopped: string[] = [];
    await expect(stopAll(part('chromium', stopped, true), part('preview', stopped))).rejects.toThrow('chromium would not stop');
    expect(stopped).toEqual(['chromium', 'preview']);
  });

  it('throws every failure when several parts fail to stop', async () => {
    const stopped: string[] = [];
    const err: unknown = await stopAll(part('chromium', stopped, true), part('preview', stopped, true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map(String)).toEqual(['Error: chromium would not stop', 'Error: preview would not stop']);
  });
});

describe('startAll', () => {
  it('closes a Chromium that started when the preview beside it failed, and throws the preview failure', async () => {
    let browser: Browser | undefined;
    const launched = launchChromium().then((b) => (browser = b));
    await expect(startAll(launched, Promise.reject(new Error('preview failed to start')))).rejects.toThrow('preview failed to start');
    expect(browser?.isConnected()).toBe(false);
  });

  it('hands back every part, in the order given, when all start', async () => {
    const stopped: string[] = [];
    const [a, b] = await startAll(Promise.resolve(part('a', stopped)), Promise.resolve(part('b', stopped)));
    await stopAll(b, a);
    expect(stopped).toEqual(['b', 'a']);
  });
});
