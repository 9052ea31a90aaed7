import { contextBridge, ipcRenderer } from 'electron';
import type { Api, AppEvent } from '../contract';
import { IPC_EVENT, IPC_INVOKE } from '../contract/ipc';

// Only the contract's Api crosses: never the raw ipcRenderer, event objects or `process`.

const api = {
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  onEvent: (listener) => {
    const forward = (_event: unknown, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
