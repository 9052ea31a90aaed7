import { fsyncSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The journal line's fsync on a thread of its own, so main goes on with the transaction's
 * statements while the disk flushes the line, and waits for the flush only right before COMMIT
 * (issue 19 item 2: a commit's two flushes were in series with all of its SQL). Synchronous on main
 * throughout, with no turn of the event loop, so nothing else can slip into the transaction.
 *
 * One request at a time through shared memory: main writes the fd and raises REQUESTED; the worker
 * raises TAKEN, flushes the file's data (fdatasync: journal-file.ts grows the file, fsync'd whole,
 * before a line that would not fit, so a line's flush is its data alone), writes the outcome (0 or the errno) and raises DONE. Main blocks until
 * TAKEN before going on (a thread woken by main otherwise often waits for main's own core, so the
 * flush would start only when main waits), and again until DONE before COMMIT. Its code is a plain
 * string, as off-main.ts's, so it runs the same under tsx, vitest and the built app.
 *
 * Waking a sleeping thread takes the system about 60 us, and main spent them blocked at every
 * commit (issue 19). So a commit says its line is coming (`expect`) before its checks and
 * re-scoring: the worker wakes meanwhile and watches for the request for up to SPIN_MS, taking it
 * the moment it is raised, then sleeps again. Not on a one-core machine, where watching would take
 * main's core.
 */
const IDLE = 0;
const REQUESTED = 1;
const TAKEN = 2;
const DONE = 3;
const STOP = 4;
/** How long a worker woken by `expect` watches for the request before sleeping again (a commit's checks take about 0.2 ms). */
const SPIN_MS = 2;
/** Slots of the shared memory: the request's state, its fd, its outcome (0 or an errno), the worker running, a line expected. */
const SLOT = { state: 0, fd: 1, outcome: 2, ready: 3, expected: 4 } as const;

const WORKER = `
const { workerData } = require('node:worker_threads');
const { fdatasyncSync } = require('node:fs');
const s = new Int32Array(workerData.shared);
(function serve() {
  Atomics.store(s, ${SLOT.ready}, 1);
  for (;;) {
    let v;
    while ((v = Atomics.load(s, ${SLOT.state})) !== ${REQUESTED}) {
      if (v === ${STOP}) return;
      if (Atomics.exchange(s, ${SLOT.expected}, 0) === 1) {
        const until = performance.now() + ${SPIN_MS};
        while (Atomics.load(s, ${SLOT.state}) === v && performance.now() < until);
        continue;
      }
      Atomics.wait(s, ${SLOT.state}, v);
    }
    Atomics.store(s, ${SLOT.state}, ${TAKEN});
    Atomics.notify(s, ${SLOT.state});
    let code = 0;
    try { fdatasyncSync(Atomics.load(s, ${SLOT.fd})); } catch (err) { code = Math.abs(Number(err && err.errno)) || 1; }
    Atomics.store(s, ${SLOT.outcome}, code);
    Atomics.store(s, ${SLOT.state}, ${DONE});
    Atomics.notify(s, ${SLOT.state});
  }
})();
`;

/** How long main waits for the worker to take a request before going on anyway (it then waits at the end). */
const TAKE_MS = 5;
/** A flush this late means something is wrong with the disk or the worker: the change is refused. */
export const FSYNC_LIMIT_MS = 30_000;

/** Waits for a started fsync; throws when it failed (nothing may then be recorded as saved). */
export type FsyncWait = () => void;

const errnoNames = new Map(Object.entries(constants.errno).map(([name, n]) => [n, name]));

/** Whether a worker watching for a request leaves main a core of its own. */
const coresToSpare = (): boolean => availableParallelism() > 1;

/** Whether this thread may block on Atomics.wait (Node's main thread may; a browser's may not). */
function mayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

export class FsyncOffMain {
  private readonly state = new Int32Array(new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT));
  private worker: Worker | null = null;
  /** False once the worker has stopped, failed or missed the limit: fsyncs then run on main. */
  private usable = mayBlock();
  private busy = false;
  private readonly mayWatch = coresToSpare();
  /** Times `expect` woke the worker ahead of a line (tests check the commit gives the hint). */
  expected = 0;
  /** Flushes the worker has done (tests check which thread flushed). */
  served = 0;

  /** Whether fsyncs now go to the worker. */
  get running(): boolean {
    return this.usable && this.worker !== null && Atomics.load(this.state, SLOT.ready) === 1;
  }

  /** Starts the worker (in the background: until it is running, fsyncs run on main). The first fsync asks for it. */
  start(): void {
    if (this.worker || !this.usable) return;
    const worker = new Worker(WORKER, { eval: true, workerData: { shared: this.state.buffer } });
    worker.unref(); // never what keeps the app or a CLI running
    worker.on('error', () => this.retire());
    worker.once('exit', () => this.retire());
    this.worker = worker;
  }

  /** Stops the worker (tests; the app's exit ends it anyway). */
  stop(): void {
    if (!this.worker) return;
    Atomics.store(this.state, SLOT.state, STOP);
    Atomics.notify(this.state, SLOT.state);
    this.retire();
  }

  private retire(): void {
    this.usable = false;
    const worker = this.worker;
    this.worker = null;
    if (worker && Atomics.load(this.state, SLOT.state) !== STOP) void worker.terminate();
  }

  /**
   * A line will be flushed within a millisecond or so: wake the worker now, so it takes the request
   * the moment `begin` raises it instead of main waiting for it to wake. Only a hint: a line that
   * never comes (a refused commit) costs the worker SPIN_MS of watching; without the hint, `begin`
   * wakes it as before.
   */
  expect(): void {
    if (!this.mayWatch || this.busy || !this.running) return;
    this.expected++;
    Atomics.store(this.state, SLOT.expected, 1);
    Atomics.notify(this.state, SLOT.state);
  }

  /**
   * Starts fsync(fd) and returns the wait for it. On main itself when the worker is not (yet)
   * running: then the flush is done when this returns, and the wait only reports it.
   */
  begin(fd: number): FsyncWait {
    if (!this.worker) this.start();
    if (!this.running || this.busy) {
      let failed: unknown = null;
      try {
        fsyncSync(fd);
      } catch (err) {
        failed = err;
      }
      return () => {
        if (failed) throw failed;
      };
    }
    this.busy = true;
    const s = this.state;
    Atomics.store(s, SLOT.fd, fd);
    Atomics.store(s, SLOT.outcome, 0);
    Atomics.store(s, SLOT.state, REQUESTED);
    Atomics.notify(s, SLOT.state);
    Atomics.wait(s, SLOT.state, REQUESTED, TAKE_MS);
    let waited = false;
    return () => {
      if (waited) return;
      waited = true;
      this.finish(fd);
    };
  }

  private finish(fd: number): void {
    const s = this.state;
    const until = performance.now() + FSYNC_LIMIT_MS;
    for (let v = Atomics.load(s, SLOT.state); v !== DONE; v = Atomics.load(s, SLOT.state)) {
      const left = until - performance.now();
      if (left <= 0) {
        // The worker may still be flushing: it is never asked again, and this change is refused.
        this.busy = false;
        this.retire();
        throw new Error(`the journal's fsync did not finish in ${FSYNC_LIMIT_MS / 1000} s`);
      }
      Atomics.wait(s, SLOT.state, v, left);
    }
    const code = Atomics.load(s, SLOT.outcome);
    Atomics.store(s, SLOT.state, IDLE);
    this.busy = false;
    this.served++;
    if (code !== 0) {
      const name = errnoNames.get(code) ?? `errno ${code}`;
      throw Object.assign(new Error(`${name}: fsync failed on the journal (fd ${fd})`), { code: name });
    }
  }
}

/** The one worker of the process: the records journal is appended by main only, one line at a time. */
export const fsyncOffMain = new FsyncOffMain();
