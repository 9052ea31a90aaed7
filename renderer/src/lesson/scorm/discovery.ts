/**
 * Standard SCORM API discovery: API_1484_11 (2004) first, then API (1.2), looking in the player's
 * own window, up its parent chain, then up the opener's chain (ADL's own algorithm, with its
 * limit of seven hops so a cross-origin loop cannot hang the player).
 */
export interface Scorm2004Api {
  Initialize(p: ''): string;
  Terminate(p: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(p: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

export interface Scorm12Api {
  LMSInitialize(p: ''): string;
  LMSFinish(p: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(p: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** `host` is the window the API was found in (the LMS's page, or the app's own window). */
export type FoundApi = { version: 'scorm2004'; api: Scorm2004Api; host?: ApiWindow } | { version: 'scorm12'; api: Scorm12Api; host?: ApiWindow };

/** What discovery needs of a window: enough to test it with plain objects. */
export interface ApiWindow {
  API_1484_11?: unknown;
  API?: unknown;
  parent?: ApiWindow | null;
  opener?: ApiWindow | null;
}

const MAX_HOPS = 7;

function read(win: ApiWindow, key: 'API_1484_11' | 'API'): unknown {
  try {
    return win[key];
  } catch {
    return undefined; // a cross-origin frame throws on access: not ours to use
  }
}

const is2004 = (x: unknown): x is Scorm2004Api =>
  typeof x === 'object' && x !== null && typeof (x as Scorm2004Api).Initialize === 'function' && typeof (x as Scorm2004Api).SetValue === 'function';
const is12 = (x: unknown): x is Scorm12Api =>
  typeof x === 'object' && x !== null && typeof (x as Scorm12Api).LMSInitialize === 'function' && typeof (x as Scorm12Api).LMSSetValue === 'function';

function chain(start: ApiWindow | null | undefined): ApiWindow[] {
  const out: ApiWindow[] = [];
  let win = start ?? null;
  for (let hops = 0; win && hops <= MAX_HOPS; hops++) {
    out.push(win);
    let parent: ApiWindow | null;
    try {
      parent = win.parent ?? null;
    } catch {
      parent = null;
    }
    if (!parent || parent === win) break;
    win = parent;
  }
  return out;
}

export function findApi(own: ApiWindow): FoundApi | null {
  let opener: ApiWindow | null;
  try {
    opener = own.opener ?? null;
  } catch {
    opener = null;
  }
  const windows = [...chain(own), ...chain(opener)];
  for (const win of windows) {
    const api = read(win, 'API_1484_11');
    if (is2004(api)) return { version: 'scorm2004', api, host: win };
  }
  for (const win of windows) {
    const api = read(win, 'API');
    if (is12(api)) return { version: 'scorm12', api, host: win };
  }
  return null;
}
