/**
 * Command-line switches that would let another program drive or read the app: Chromium's remote
 * debugging (and its origin allow-list), Node's inspector and V8 flags. A packaged app started
 * with any of them refuses to run (the packaging fuses also turn Node's inspector off; this
 * covers Chromium's own switches, which no fuse controls).
 */
const FORBIDDEN = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'remote-allow-origins', 'js-flags'] as const;

/**
 * Chromium reads `--name`, `-name` and, on Windows, `/name`, case-insensitively there, with or
 * without `=value`; Node reads every `--inspect…` form. Returns the first such argument, or null.
 */
export function forbiddenSwitch(argv: readonly string[], platform: NodeJS.Platform = process.platform): string | null {
  for (const arg of argv) {
    const m = /^(?:--?|\/)([^=\s]+)/.exec(arg);
    if (!m || (arg.startsWith('/') && platform !== 'win32')) continue;
    const name = m[1]!.toLowerCase();
    if ((FORBIDDEN as readonly string[]).includes(name) || name.startsWith('inspect')) return arg;
  }
  return null;
}

export const forbiddenSwitchMessage = (arg: string): string =>
  `The training app does not run with ${arg.split('=')[0]}: that switch would let another program read or control it, and the training records with it. Start the app without it.`;
