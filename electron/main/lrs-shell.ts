import { safeStorage, session } from 'electron';
import type { Fetch, SecretBox } from '../services/lrs';

/**
 * What the LRS sender needs from Electron, and nothing more. Sending uses a session of its own
 * (in memory, never the window's): the window's session cancels every network request, and that
 * lock stays as it is. Electron's session fetch follows the system's proxy settings, as schools need.
 */
export function lrsShell(): { box: SecretBox | null; fetch: Fetch } {
  const sender = session.fromPartition('lrs-sender', { cache: false });
  sender.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  const box: SecretBox | null = safeStorage.isEncryptionAvailable()
    ? { seal: (text) => safeStorage.encryptString(text), open: (sealed) => safeStorage.decryptString(sealed) }
    : null;
  return { box, fetch: (url, init) => sender.fetch(url, init) };
}
