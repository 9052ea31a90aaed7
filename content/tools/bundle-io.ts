import { readFileSync } from 'node:fs';
import { Bundle } from '../schema/index';
import { analyse, type CheckOptions } from './analyse';
import { compileContent } from './compile';
import { formatDiagnostic, type Diagnostic } from './diagnostics';
import { contentRoot } from './paths';

/** Thrown when content does not pass; `diagnostics` says what and where. */
export class ContentError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`content has ${diagnostics.length} problem(s):\n${diagnostics.slice(0, 20).map((d) => formatDiagnostic(d)).join('\n')}`);
    this.name = 'ContentError';
  }
}

/**
 * The compiled bundle. With `file`: read a bundle written by content:build and validate it.
 * Without: compile content/ now (or `root`), run every check, and throw ContentError on any problem.
 */
export function loadBundle(file?: string, options: { root?: string } & CheckOptions = {}): Bundle {
  if (file !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: not a readable JSON bundle (${(e as Error).message})`, { cause: e });
    }
    const parsed = Bundle.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`${file}: not a valid content bundle at ${first?.path.join('.') ?? '?'}: ${first?.message ?? ''}`);
    }
    return parsed.data;
  }
  const compiled = compileContent(options.root ?? contentRoot());
  const { diagnostics } = analyse(compiled, options);
  if (diagnostics.length > 0 || !compiled.bundle) throw new ContentError(diagnostics);
  return compiled.bundle;
}
