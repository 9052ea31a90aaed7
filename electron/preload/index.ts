import { contextBridge, ipcRenderer } from 'electron';
import type { Api, AppEvent, ReplyOf, Result } from '../contract';
import { EARLY_CHANNELS, IPC_EVENT, IPC_INVOKE, type EarlyChannel } from '../contract/ipc';

// Only the contract's Api crosses: never the raw ipcRenderer, event objects or `process`.

// The first screen's questions go to main now, as the page starts and before its HTML has been
// parsed, so the answers are in by the time public/boot.js runs and it can show the app shell
// without a round trip of its own (issue 19 item 6). Main checks the sender as for any call.
const asked = new Map<string, Promise<unknown>>(EARLY_CHANNELS.map((channel) => [channel, ipcRenderer.invoke(IPC_INVOKE, channel, {})]));
// A reply nobody takes (a page without boot.js) must not surface as an unhandled rejection.
for (const reply of asked.values()) reply.catch(() => undefined);

const api = {
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  onEvent: (listener) => {
    const forward = (_event: unknown, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
  // Each early reply is given once: a later question is asked afresh with invoke.
  early: <C extends EarlyChannel>(channel: C) => {
    const reply = asked.get(channel);
    asked.delete(channel);
    // Main's reply to this very channel; untyped across IPC, as every reply is (invoke above).
    return reply as Promise<Result<ReplyOf<C>>> | undefined;
  },
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
