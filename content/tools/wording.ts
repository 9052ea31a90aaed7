import type { ClauseRegistry } from '../schema/index';
import type { Diagnostic } from './diagnostics';
import { normaliseWording, policyWording } from './policy-text';
import type { YamlSource } from './source';

/**
 * A clause's `text` must be the policy's own words. A clause may join a lead-in and its list items
 * with "; " (as in the new-account rationale); each part must then appear in the policy. Line
 * breaks, list markers, numbering, bold marks and typographic quotes do not count as wording.
 */
export function checkWording(registry: ClauseRegistry, source: YamlSource, policyText: string): Diagnostic[] {
  const policy = policyWording(policyText);
  const out: Diagnostic[] = [];
  registry.clauses.forEach((clause, i) => {
    const parts = normaliseWording(clause.text)
      .split(/(?<=[:;])\s+/)
      .map((p) => p.replace(/[;:]$/, '').trim());
    const missing = parts.find((p) => !policy.includes(p));
    if (missing !== undefined) {
      out.push(source.diagnostic('wording', ['clauses', i, 'text'], `clause "${clause.id}" text is not the policy's exact wording: "${missing}" is not in the policy`));
    }
  });
  return out;
}
