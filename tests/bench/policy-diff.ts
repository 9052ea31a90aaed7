import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { comparePolicy } from '@content/tools/policy-change';
import { contentRoot } from '@content/tools/paths';
import { median, ms } from './stats';

/** The new edition the benchmark compares: the fixture with three rewordings and a new section. */
export const POLICY_DIFF_FIXTURE = path.resolve(__dirname, '../fixtures/policy/edition-1.0.txt');

/**
 * What `npm run content:policy-diff -- --new FILE` does, in process: compile the content (for the
 * screens and items that cite each clause) and match the registry against the new text. The first
 * run is untimed; `ms` is the median of the rest, `matchMs` the matching alone in those runs.
 */
export function measurePolicyDiff(runs: number): { ms: number; matchMs: number; runs: number; changed: number; added: number; removed: number } {
  const text = readFileSync(POLICY_DIFF_FIXTURE, 'utf8');
  comparePolicy(contentRoot(), text);
  const times: number[] = [];
  const match: number[] = [];
  let last = comparePolicy(contentRoot(), text);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = comparePolicy(contentRoot(), text);
    times.push(performance.now() - t);
    match.push(last.matchMs);
  }
  const r = last.report;
  return { ms: ms(median(times)), matchMs: ms(median(match)), runs, changed: r.changed.length, added: r.added.length, removed: r.removed.length };
}
