import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { isAllowedRequest, lockDownContents, lockDownSession } from '@main/guards';
import { isAppUrl } from '@main/origin';

type Listener = (...args: unknown[]) => void;

/** A stand-in WebContents that records what the guards register, so we can fire events at it. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(h: typeof openHandler) {
      openHandler = h;
    },
  };
  const fire = (event: string, url: string): boolean => {
    let prevented = false;
    const ev = { preventDefault: () => (prevented = true), url };
    const listener = listeners.get(event);
    if (!listener) throw new Error(`no ${event} listener`);
    if (event === 'will-frame-navigate') listener(ev);
    else listener(ev, url);
    return prevented;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation and window locks', () => {
  const hostile = [
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'javascript:alert(1)',
    'not a url',
  ];

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s refuses every target outside the app', (event) => {
    const { contents, fire } = fakeContents();
    lockDownContents(contents);
    for (const url of hostile) expect(fire(event, url), url).toBe(true);
    expect(fire(event, 'app://app/player.html')).toBe(false);
  });

  it('denies every new window, even one for the app itself', () => {
    const { contents, open } = fakeContents();
    lockDownContents(contents);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://app/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const { contents, fire } = fakeContents();
    lockDownContents(contents);
    expect(fire('will-attach-webview', 'app://app/')).toBe(true);
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl('app://app/index.html')).toBe(true);
    expect(isAppUrl('app://app.evil/index.html')).toBe(false);
    expect(isAppUrl('APP://app/x')).toBe(true); // URL parsing lower-cases the scheme
  });
});

describe('session locks', () => {
  function fakeSession() {
    const calls: Record<string, unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: unknown) => (calls.request = h),
      setPermissionCheckHandler: (h: unknown) => (calls.check = h),
      setDevicePermissionHandler: (h: unknown) => (calls.device = h),
      webRequest: { onBeforeRequest: (h: unknown) => (calls.web = h) },
    };
    lockDownSession(session as unknown as Session);
    return calls;
  }

  it('denies every permission request and check', () => {
    const calls = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      (calls.request as (c: unknown, p: string, cb: (g: boolean) => void) => void)(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect((calls.check as (c: unknown, p: string) => boolean)(null, permission)).toBe(false);
    }
    expect((calls.device as () => boolean)()).toBe(false);
  });

  it('cancels every request that is not for the app itself', () => {
    const calls = fakeSession();
    const verdict = (url: string): boolean => {
      let cancel: boolean | undefined;
      (calls.web as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel));
      return cancel!;
    };
    expect(verdict('https://fonts.example.com/x.woff2')).toBe(true);
    expect(verdict('http://127.0.0.1/')).toBe(true);
    expect(verdict('file:///C:/Windows/win.ini')).toBe(true);
    expect(verdict('app://app/assets/index.js')).toBe(false);
    expect(isAllowedRequest('ws://localhost:5173/')).toBe(false);
    expect(isAllowedRequest('blob:https://evil.example/1234')).toBe(false);
    expect(isAllowedRequest('blob:app://app/5f0c')).toBe(true);
  });
});
