import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Bundle } from '../../content/schema/bundle';
import { boot, type Started } from '../services/boot';

export type { Started };

/** The course bundle is compiled at build time and shipped beside the main bundle. */
export function startServices(input: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  defaultDataDir: string;
  appVersion: string;
  mainDir: string;
}): Started {
  const file = path.join(input.mainDir, 'bundle.json');
  const bundle = Bundle.parse(JSON.parse(readFileSync(file, 'utf8')));
  return boot({ ...input, bundle, log: (msg, err) => console.error(msg, err) });
}
