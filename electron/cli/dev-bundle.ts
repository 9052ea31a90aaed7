import type { Bundle } from '@content/schema';
import { compileContent } from '@content/tools/compile';
import { formatDiagnostic } from '@content/tools/diagnostics';

/**
 * Headless entry points compile the YAML afresh, so authors see their edits on reload. Content
 * that parses but fails a quality check (coverage, readability) still previews, with a warning:
 * `npm run content:check` is the gate that refuses it.
 */
export function devBundle(): Bundle {
  const { bundle, errors } = compileContent();
  if (!bundle) {
    const list = errors.slice(0, 20).map((e) => `  ${formatDiagnostic(e)}`);
    throw new Error(`The course content has errors (npm run content:check lists them all):\n${list.join('\n')}`);
  }
  if (errors.length > 0) console.warn(`Content has ${errors.length} quality problem(s); run npm run content:check.`);
  return bundle;
}
