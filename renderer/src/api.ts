import type { Api, Channel, ReplyOf, RequestOf } from '@contract';
import type { ShellBoot } from './app/shell/start';

/** The calls public/boot.js makes before the app's modules have loaded (no request fields). */
type BootChannel = 'setup.status' | 'app.info';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the preview bridge (browser); absent inside an LMS. */
    readonly api?: Api;
    /** Replies public/boot.js asked for while the modules loaded; each taken once (early()). */
    __boot?: { [C in BootChannel]?: ReturnType<Api['invoke']> } & ShellBoot;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const hasBridge = (): boolean => typeof window !== 'undefined' && window.api !== undefined;

/** Calls a channel and unwraps the envelope: the value, or an ApiError carrying the code. */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  if (!window.api) throw new ApiError('unavailable', 'The app bridge is not available in this window.');
  return unwrap(await window.api.invoke(channel, request));
}

function unwrap<T>(result: Awaited<ReturnType<Api['invoke']>>): T {
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as T;
}

/**
 * The reply boot.js already asked main for at page start, the first time it is wanted (the
 * first screen then waits for no round trip of its own); every later call asks main afresh.
 */
export async function callEarly<C extends BootChannel>(channel: C): Promise<ReplyOf<C>> {
  const asked = window.__boot?.[channel];
  if (!asked) return call(channel, {} as RequestOf<C>);
  delete window.__boot?.[channel];
  return unwrap<ReplyOf<C>>(await asked);
}
