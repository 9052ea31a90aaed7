import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** content/ in this checkout, wherever the tool is run from. */
export function contentRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
}

/** `--root DIR` on the command line (a test fixture), else content/. */
export function rootArg(argv: readonly string[] = process.argv): string {
  const at = argv.indexOf('--root');
  const dir = at >= 0 ? argv[at + 1] : undefined;
  return dir ? resolve(dir) : contentRoot();
}
