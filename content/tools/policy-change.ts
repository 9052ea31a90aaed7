// What a new policy text changes, against the registry and the content of a content root: the
// report behind content:policy-diff, and the plan content:policy-adopt carries out.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClauseRegistry } from '../schema/index';
import { compileContent, type Compiled } from './compile';
import { affectedBy, citationsByClause, type Affected } from './policy-affected';
import { PolicyTextTooLong, matchPolicy, type AddedRule, type ChangedClause, type PolicyMatch, type RemovedClause } from './policy-match';
import type { DiffPart } from './word-diff';

/** content:policy-diff's JSON. */
export interface PolicyDiff {
  /** The registry's edition the new text was compared with. */
  edition: string;
  changed: {
    id: string;
    section: string;
    newText: string;
    oldText: string;
    /** Where the new wording starts in the new text. */
    line: number;
    similarity: number;
    diff: DiffPart[];
    affected: Affected;
  }[];
  removed: { id: string; section: string; text: string; affected: Affected }[];
  added: { section: string; newSection?: string; text: string; line: number }[];
  unchanged: number;
}

/** Everything the adopt step needs besides the report. */
export interface PolicyChange {
  report: PolicyDiff;
  match: PolicyMatch;
  compiled: Compiled;
  registry: ClauseRegistry;
  policyFile: string;
  /** How long matching the clauses took (ms), compiling the content aside: for the benchmark. */
  matchMs: number;
}

export class PolicyInputError extends Error {
  override name = 'PolicyInputError';
}

/** The largest policy text accepted: the real one is 20 KB, so this is only a guard against the wrong file. */
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;

/**
 * A policy saved as text from a word processor: UTF-8, UTF-16 (Word's "Unicode text") or
 * Windows-1252 (Word's default "Plain text" on Windows). A Word or PDF file gets a clear refusal.
 */
export function readPolicyText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new PolicyInputError(`${file}: not a file; give the policy saved as plain text (.txt)`);
    size = st.size;
  } catch (e) {
    if (e instanceof PolicyInputError) throw e;
    throw new PolicyInputError(`${file}: cannot read the new policy text (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > MAX_POLICY_BYTES) throw new PolicyInputError(`${file}: ${(size / 1024 / 1024).toFixed(1)} MB is not a policy text (the limit is ${MAX_POLICY_BYTES / 1024 / 1024} MB of plain text)`);
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') throw new PolicyInputError(`${file}: this is a Word (.docx) or other zipped file; save the policy as plain text (.txt) and try again`);
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw new PolicyInputError(`${file}: this is a PDF; save the policy as plain text (.txt) and try again`);
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  text = text.replace(/^\ufeff/, '');
  if (text.includes('\u0000')) throw new PolicyInputError(`${file}: this is not plain text (it holds binary data); save the policy as plain text (.txt)`);
  return text;
}

/** Compare `newText` with the registry and the policy text of `root` (content/ by default). */
export function comparePolicy(root: string, newText: string): PolicyChange {
  const compiled = compileContent(root);
  const registry = compiled.registry;
  if (!registry) {
    const first = compiled.errors.find((e) => e.file.endsWith('clauses.yaml'));
    throw new PolicyInputError(`${join(root, 'policy', 'clauses.yaml')}: the clause registry does not load${first ? ` (${first.line}:${first.col} ${first.message})` : ''}; fix it first`);
  }
  const policyFile = join(root, 'policy', registry.policy.source);
  let oldText: string;
  try {
    oldText = readFileSync(policyFile, 'utf8');
  } catch (e) {
    throw new PolicyInputError(`${policyFile}: cannot read the current policy text (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const started = performance.now();
  let match: PolicyMatch;
  try {
    match = matchPolicy(registry, oldText, newText);
  } catch (e) {
    if (e instanceof PolicyTextTooLong) throw new PolicyInputError(e.message);
    throw e;
  }
  const matchMs = performance.now() - started;
  if (match.doc.segments.length === 0) throw new PolicyInputError('the new policy text has no sentences in it');
  const citations = citationsByClause(compiled);
  const report: PolicyDiff = {
    edition: registry.policy.edition,
    changed: match.changed.map((c: ChangedClause) => ({
      id: c.id,
      section: c.section,
      newText: c.newText,
      oldText: c.oldText,
      line: c.line,
      similarity: c.similarity,
      diff: c.diff,
      affected: affectedBy(citations, c.id),
    })),
    removed: match.removed.map((r: RemovedClause) => ({ ...r, affected: affectedBy(citations, r.id) })),
    added: match.added.map((a: AddedRule) => ({ section: a.section, ...(a.newSection ? { newSection: a.newSection } : {}), text: a.text, line: a.line })),
    unchanged: match.unchanged.length,
  };
  return { report, match, compiled, registry, policyFile, matchMs };
}
