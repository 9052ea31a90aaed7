import type { ClauseRegistry } from '../schema/index';
import type { Diagnostic } from './diagnostics';
import type { YamlSource } from './source';

/** The policy text with the list markers and bold marks gone and all spacing collapsed. */
function normalise(text: string): string {
  return text
    .replace(/\*\*/g, '')
    .replace(/^\s*[-•]\s+/gm, '')
    .replace(/\s+/g, ' ');
}

/**
 * A clause's `text` must be the policy's own words. A clause may join a lead-in and its list items
 * with "; " (as in the new-account rationale); each part must then appear in the policy.
 */
export function checkWording(registry: ClauseRegistry, source: YamlSource, policyText: string): Diagnostic[] {
  const policy = normalise(policyText);
  const out: Diagnostic[] = [];
  registry.clauses.forEach((clause, i) => {
    const parts = clause.text.split(/(?<=[:;])\s+/).map((p) => p.replace(/[;:]$/, '').trim());
    const missing = parts.find((p) => !policy.includes(p));
    if (missing !== undefined) {
      out.push(source.diagnostic('wording', ['clauses', i, 'text'], `clause "${clause.id}" text is not the policy's exact wording: "${missing}" is not in the policy`));
    }
  });
  return out;
}
