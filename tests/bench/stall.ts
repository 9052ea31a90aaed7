import { performance } from 'node:perf_hooks';

/**
 * The longest time `work` kept the event loop from turning, in ms: a ticker re-posts itself with
 * setImmediate while `work` runs and records the largest gap between two of its turns. What main's
 * IPC (a learner's commit, a click in the admin area) would have waited at worst.
 */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    running = false;
    const now = performance.now();
    longest = Math.max(longest, now - last);
  }
  return longest;
}
