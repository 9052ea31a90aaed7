import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '@contract';

// The real preload against a stand-in for 'electron': what it asks main over IPC, and what it
// hands the page through the context bridge.
const asked: { channel: unknown; request: unknown; answer: (value: unknown) => void }[] = [];
const exposed = new Map<string, unknown>();
const listeners: ((...args: unknown[]) => void)[] = [];
vi.mock('electron', () => ({
  ipcRenderer: {
    invoke: (ipcChannel: string, channel: unknown, request: unknown) =>
      new Promise((answer) => asked.push({ channel: `${ipcChannel} ${String(channel)}`, request, answer })),
    on: (_ipcChannel: string, listener: (...args: unknown[]) => void) => listeners.push(listener),
    removeListener: () => undefined,
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
}));

/** The page starting: the preload runs afresh, as it does for each page the window loads. */
async function pageStarts(): Promise<Api> {
  asked.length = 0;
  exposed.clear();
  vi.resetModules();
  await import('@preload/index');
  return exposed.get('api') as Api;
}

describe('the preload', () => {
  beforeEach(() => {
    listeners.length = 0;
  });

  it("asks main the first screen's two questions as the page starts, before the page asks anything", async () => {
    await pageStarts();
    expect(asked.map((a) => [a.channel, a.request])).toEqual([
      ['api:invoke setup.status', {}],
      ['api:invoke app.info', {}],
    ]);
  });

  it('hands each early reply to the page once; after that the page asks main afresh', async () => {
    const api = await pageStarts();
    asked[0]!.answer({ ok: true, value: { setUp: true } });
    await expect(api.early('setup.status')).resolves.toEqual({ ok: true, value: { setUp: true } });
    expect(api.early('setup.status')).toBeUndefined();

    const again = api.invoke('setup.status', {});
    expect(asked.map((a) => a.channel)).toEqual(['api:invoke setup.status', 'api:invoke app.info', 'api:invoke setup.status']);
    asked[2]!.answer({ ok: true, value: { setUp: false } });
    await expect(again).resolves.toEqual({ ok: true, value: { setUp: false } });
  });

  it('gives the page the contract’s three functions and nothing of Electron’s', async () => {
    const api = await pageStarts();
    expect([...exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['early', 'invoke', 'onEvent']);
    const seen: unknown[] = [];
    const stop = api.onEvent((event) => seen.push(event));
    listeners[0]!({ sender: 'an Electron event object' }, { type: 'app.closing' });
    expect(seen).toEqual([{ type: 'app.closing' }]);
    expect(typeof stop).toBe('function');
  });
});
