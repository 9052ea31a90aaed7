import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn) },
}));

const { isTrustedSender, registerIpc } = await import('@main/ipc');
const { IPC_INVOKE } = await import('@contract/ipc');

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('IPC sender check', () => {
  beforeEach(() => handlers.clear());

  it('trusts only the app origin in the main frame', () => {
    expect(isTrustedSender(frame('app://app/index.html') as never)).toBe(true);
    expect(isTrustedSender(frame('app://app/index.html', {}) as never)).toBe(false); // a sub-frame
    expect(isTrustedSender(frame('https://example.com/') as never)).toBe(false);
    expect(isTrustedSender(frame('file:///tmp/x.html') as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });

  it('answers an untrusted sender with a forbidden envelope and never reaches the services', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'secret' }));
    registerIpc(dispatch);
    const handler = handlers.get(IPC_INVOKE)!;
    await expect(handler(frame('https://example.com/'), 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(dispatch).not.toHaveBeenCalled();
    await expect(handler(frame('app://app/index.html'), 'app.info', {})).resolves.toEqual({ ok: true, value: 'secret' });
    expect(dispatch).toHaveBeenCalledWith('app.info', {}, { transport: 'ipc' });
  });
});
