import path from 'node:path';
import type { Bundle } from '../../content/schema';
import { compileContent } from '../../content/tools/compile';
import { projectRoot } from './project';

/** Headless entry points compile the YAML afresh, so authors see their edits on reload. */
export function devBundle(): Bundle {
  const { bundle, errors } = compileContent(path.join(projectRoot, 'content'));
  if (!bundle || errors.length > 0) {
    const list = errors.slice(0, 20).map((e) => `  ${typeof e === 'string' ? e : JSON.stringify(e)}`);
    throw new Error(`The course content has errors (npm run content:check lists them all):\n${list.join('\n')}`);
  }
  return bundle;
}
