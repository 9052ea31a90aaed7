import { performance } from 'node:perf_hooks';

/**
 * The longest time `work` kept the event loop from turning, in ms: a ticker re-posts itself with
 * setImmediate while `work` runs and records the largest gap between two of its turns. What main's
 * IPC (a learner's commit, a click in the admin area) would have waited at worst.
 */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  return (await longestStallOf(() => work())).ms;
}

/**
 * The same, for work that names each piece as it starts (`mark`): also says which piece(s) ran in
 * the longest gap (those started in it, several when no turn came between them; else the one
 * still going), so a miss points at its cause.
 */
export async function longestStallOf(work: (mark: (piece: string) => void) => Promise<unknown>): Promise<{ ms: number; pieces: string[] }> {
  let last = performance.now();
  let longest = { ms: 0, pieces: [] as string[] };
  let current = 'start';
  let during: string[] = [];
  let running = true;
  const gap = (now: number): void => {
    if (now - last > longest.ms) longest = { ms: now - last, pieces: during.length ? [...new Set(during)] : [current] };
    last = now;
    during = [];
  };
  const tick = (): void => {
    gap(performance.now());
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work((piece) => {
      current = piece;
      during.push(piece);
    });
  } finally {
    running = false;
    gap(performance.now());
  }
  return longest;
}
