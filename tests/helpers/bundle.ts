import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Bundle } from '@content/schema/bundle';

export const BUNDLE_FILE = path.resolve(__dirname, '../../out/main/bundle.json');

let cached: Bundle | null = null;

/** The real compiled course content, as the built app ships it (globalSetup builds it once). */
export function testBundle(): Bundle {
  cached ??= Bundle.parse(JSON.parse(readFileSync(BUNDLE_FILE, 'utf8')));
  return structuredClone(cached);
}
