import { EARLY_CHANNELS } from '@contract/ipc';

/**
 * The browser preview's stand-in for the Electron preload: it gives the page the same `window.api`
 * object, carried over fetch instead of IPC. Plain ES2020 so it runs unbundled.
 */
export const BRIDGE_PATH = '/__preview/bridge.js';
export const API_PREFIX = '/__api/';
export const EVENTS_PATH = '/__events';

export const bridgeScript = (): string => `(() => {
  'use strict';
  const meta = document.querySelector('meta[name="preview-token"]');
  const token = meta ? meta.getAttribute('content') : '';
  const listeners = new Set();
  let source = null;
  const api = Object.freeze({
    invoke(channel, request) {
      return fetch(${JSON.stringify(API_PREFIX)} + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Preview-Token': token },
        body: JSON.stringify(request === undefined ? {} : request),
        keepalive: true,
      })
        .then((r) => r.json())
        .catch((e) => ({ ok: false, error: { code: 'unavailable', message: 'The preview server did not answer: ' + e.message } }));
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(${JSON.stringify(EVENTS_PATH)} + '?token=' + encodeURIComponent(token));
        source.onmessage = (m) => {
          let event;
          try { event = JSON.parse(m.data); } catch { return; }
          listeners.forEach((l) => l(event));
        };
      }
      return () => listeners.delete(listener);
    },
    early(channel) {
      const reply = asked.get(channel);
      asked.delete(channel);
      return reply;
    },
  });
  // As the preload does: the first screen's questions are asked as the page starts, before its
  // own scripts, and each reply is given once (Api.early).
  const asked = new Map(${JSON.stringify(EARLY_CHANNELS)}.map((channel) => [channel, api.invoke(channel, {})]));
  Object.defineProperty(window, 'api', { value: api, writable: false, configurable: false });
})();
`;
