import type { Session, WebContents } from 'electron';
import { isAppUrl } from './origin';

/** Navigation, redirects, new windows and webviews: only the app itself, never anything else. */
export function lockDownContents(contents: WebContents): void {
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => stayHome(event, url));
  contents.on('will-frame-navigate', (details) => stayHome(details, details.url));
  contents.on('will-redirect', (event, url) => stayHome(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission is ever needed (no camera, notifications, geolocation…), so none is granted. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Every request that is not for the app's own files is cancelled: no network, ever.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
}

/**
 * The app's own files, and data:/blob: URLs made in the page (inline images, the hidden print
 * window's page, downloads the page builds): never the network.
 */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:app://app/') || url.startsWith('devtools://');
}
