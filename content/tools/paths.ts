import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** content/ in this checkout, wherever the tool is run from. */
export function contentRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
}
