/** The app's own origin: a standard, secure custom scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * True only for a URL that parses to the app's own scheme and host. Compared by parts, not by
 * `URL.origin`: WHATWG URL gives a custom scheme the opaque origin "null" outside Electron.
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
