import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../contract/ipc';
import type { Dispatch } from '../host/dispatch';
import { isAppUrl } from './origin';

/** Only the app's own page, in its main frame, may call main. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** The one IPC handler: sender check, then the shared dispatcher (parse, call, envelope). */
export function registerIpc(dispatch: Dispatch): void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app itself' } };
    }
    return dispatch(channel, payload, { transport: 'ipc' });
  });
}
