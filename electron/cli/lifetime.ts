/**
 * When a long-running command (the preview, a continuous demo) must stop: SIGINT, SIGTERM or
 * SIGHUP, or its parent going away. `npm run` starts scripts through a shell (sh -c, cmd.exe) that
 * does not pass npm's signals on: a SIGTERM sent to npm ends the shell and leaves this process
 * orphaned, still holding its port and the data folder's lock. So the parent is watched too.
 */
export function onStopRequest(stop: () => void): void {
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    clearInterval(watch);
    stop();
  };
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) once(); // re-parented: whoever started us is gone
  }, 250);
  watch.unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, once);
}
