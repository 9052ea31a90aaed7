import type { Api, Channel, ReplyOf, RequestOf } from '@contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the preview bridge (browser); absent inside an LMS. */
    readonly api?: Api;
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
  const result = await window.api.invoke(channel, request);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}
