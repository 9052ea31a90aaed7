import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The checkout's root, found from this file so CLIs work from any working directory. */
export const projectRoot = path.resolve(__dirname, '../..');

export const appVersion: string = (
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;
