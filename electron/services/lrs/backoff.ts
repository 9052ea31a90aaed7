/**
 * How long the sender waits after the LRS could not be reached: 15 s, doubling to at most 15
 * minutes, with a fifth either way of chance so that a Trust's PCs coming back after a network
 * outage do not all knock at the same second. An LRS's own Retry-After wins when it is longer
 * (up to an hour).
 */
export const BACKOFF_FIRST_MS = 15_000;
export const BACKOFF_MAX_MS = 15 * 60_000;
const RETRY_AFTER_MAX_MS = 60 * 60_000;

export function backoffMs(failuresInARow: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const n = Math.max(1, failuresInARow);
  const plain = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(n - 1, 20));
  const jittered = plain * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, RETRY_AFTER_MAX_MS)));
}
