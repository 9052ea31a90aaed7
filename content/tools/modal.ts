import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { Clause, Item } from '../schema/index';
import type { Compiled, CompiledCourse } from './compiled';
import type { Diagnostic } from './diagnostics';
import { screenUnits } from './lesson-text';
import { YamlSource, type Path } from './source';

/**
 * The modal-verb rule (issue 15 item 7): where the policy says "should", "advised" or "encouraged",
 * the course does not say "must" or "never" unless a documented product decision says so. Each
 * deliberate exception is listed, with its reason, in content/modal-exceptions.yaml.
 */
export const EXCEPTIONS_FILE = 'modal-exceptions.yaml';

const ADVISORY = /\b(should|advised|encourage[sd]?|recommends?)\b/i;
const FIRM = /\b(must|will not|not permitted)\b/i;
// "must" as a rule we set, not reported speech ("apps say you must be 13").
const MUST = /\bmust\b/i;
const REPORTED_MUST = /\bsays?\b[^.!?]{0,24}\bmust\b/i;
// "never" as an instruction: opening a sentence or a list point, or "you (must|should) never".
const NEVER = /(^|[:;]\s+)never\b|\byou (must |should )?never\b/i;

const Exception = z.strictObject({
  /** The file, relative to content/. */
  where: z.string().min(1),
  /** A part of each sentence it covers (a sentence may repeat across screens and items). */
  text: z.string().min(1),
  /** The advisory clause(s) those sentences paraphrase. */
  clauses: z.array(z.string().min(1)).min(1),
  /** The documented product decision that allows the stronger word. */
  reason: z.string().min(20, { error: 'reason must say which product decision allows it' }),
});
export const ExceptionsFile = z.array(Exception);
type Exception = z.infer<typeof Exception>;

/** Whether a clause only advises: its own words, or its list's lead-in, say should/advised/encouraged. */
export function advisoryClauses(clauses: readonly Clause[], policyText: string): Set<string> {
  const blocks = policyText.split(/\n\s*\n/).map((b) => ({ text: b.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim(), list: /^\s*[-•]\s/.test(b) }));
  const out = new Set<string>();
  for (const clause of clauses) {
    const first = (clause.text.split(/(?<=[:;])\s+/)[0] ?? '').replace(/[;:]$/, '').trim();
    const at = blocks.findIndex((b) => b.text.includes(first));
    let leadIn = '';
    if (at >= 0 && blocks[at]?.list) {
      for (let i = at - 1; i >= 0; i--) {
        if (!blocks[i]?.list) {
          leadIn = blocks[i]?.text ?? '';
          break;
        }
      }
    }
    if (FIRM.test(clause.text)) continue;
    if (ADVISORY.test(clause.text) || ADVISORY.test(leadIn)) out.add(clause.id);
  }
  return out;
}

/** The word "must" or an instruction "never" in one sentence, or null. */
export function strongModal(sentence: string): string | null {
  if (MUST.test(sentence) && !REPORTED_MUST.test(sentence)) return 'must';
  if (NEVER.test(sentence.trim())) return 'never';
  return null;
}

const STOP = new Set(['that', 'this', 'with', 'from', 'their', 'they', 'them', 'your', 'have', 'will', 'should', 'must', 'never', 'when', 'what', 'which', 'about', 'been', 'into', 'only', 'other', 'than', 'then', 'there', 'these', 'those', 'would', 'could', 'some', 'also', 'such', 'even', 'more', 'make', 'made']);
const words = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 4 && !STOP.has(w))
      .map((w) => w.replace(/(ing|ed|es|s)$/, '')),
  );

/** The cited clause a sentence most likely paraphrases: the one sharing the most words with it. */
function bestClause(sentence: string, cited: readonly Clause[]): Clause[] {
  const own = words(sentence);
  let best: Clause[] = [];
  let bestScore = -1;
  for (const c of cited) {
    const theirs = words(`${c.text} ${c.paraphrase}`);
    const score = [...own].filter((w) => theirs.has(w)).length;
    if (score > bestScore) [best, bestScore] = [[c], score];
    else if (score === bestScore) best.push(c);
  }
  return best;
}

// Sentences, and the parts of a sentence joined by ";" or ", and", so each part is held to the
// clause it paraphrases.
const splitSentences = (text: string): string[] =>
  text
    .split(/\n\s*\n|(?<=[.!?])\s+|;\s+|,\s+and\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** The learner-facing teaching strings of an item: not wrong options or misconceptions (wrong beliefs). */
function teachingStrings(item: Item): { path: Path; text: string }[] {
  const out: { path: Path; text: string }[] = [{ path: ['stem'], text: item.stem }];
  if (item.hint) out.push({ path: ['hint'], text: item.hint });
  switch (item.kind) {
    case 'single':
      item.options.forEach((o, i) => {
        if (o.correct === true) out.push({ path: ['options', i, 'text'], text: o.text });
        out.push({ path: ['options', i, 'feedback'], text: o.feedback });
      });
      break;
    case 'trueFalse':
      out.push({ path: ['feedback', 'true'], text: item.feedback.true }, { path: ['feedback', 'false'], text: item.feedback.false });
      break;
    case 'sort':
      item.cards.forEach((c, i) => out.push({ path: ['cards', i, 'feedback'], text: c.feedback }));
      break;
    case 'branching':
      item.nodes.forEach((n, ni) => n.options.forEach((o, oi) => out.push({ path: ['nodes', ni, 'options', oi, 'feedback'], text: o.feedback })));
      item.endings.forEach((e, i) => out.push({ path: ['endings', i, 'text'], text: e.text }));
      break;
  }
  return out;
}

interface Candidate {
  source: YamlSource;
  path: Path;
  text: string;
  cited: readonly string[];
}

/**
 * Every sentence that says "must" or "never" where the clause it paraphrases only advises, unless
 * content/modal-exceptions.yaml lists it with a reason. An exception that matches nothing is stale
 * and reported too, so the list stays reviewed.
 */
export function modalRule(compiled: Compiled, policyText: string | null, out: Diagnostic[]): void {
  const reg = compiled.registry;
  if (!reg || policyText === null) return;
  const byId = new Map(reg.clauses.map((c) => [c.id, c]));
  const advisory = advisoryClauses(reg.clauses, policyText);
  const { exceptions, source: exSource } = loadExceptions(compiled.root, out);
  const used = new Set<number>();

  const candidates: Candidate[] = [];
  reg.clauses.forEach((c, i) => candidates.push({ source: compiled.registrySource, path: ['clauses', i, 'paraphrase'], text: c.paraphrase, cited: [c.id] }));
  for (const c of compiled.courses) candidates.push(...courseCandidates(c));

  for (const cand of candidates) {
    const cited = cand.cited.map((id) => byId.get(id)).filter((c): c is Clause => c !== undefined);
    if (!cited.some((c) => advisory.has(c.id))) continue;
    for (const sentence of splitSentences(cand.text)) {
      const word = strongModal(sentence);
      if (!word) continue;
      const best = bestClause(sentence, cited);
      if (best.length === 0 || !best.every((c) => advisory.has(c.id))) continue;
      const clause = best[0] as Clause;
      const where = relative(compiled.root, cand.source.file);
      const ex = exceptions.findIndex((e) => e.where === where && sentence.includes(e.text) && best.some((c) => e.clauses.includes(c.id)));
      if (ex >= 0) {
        used.add(ex);
        continue;
      }
      out.push(
        cand.source.diagnostic(
          'modal',
          cand.path,
          `"${sentence.slice(0, 70)}" says "${word}" where clause "${clause.id}" only advises (should / advised / encouraged): keep the policy's strength, or list it with its product decision in ${EXCEPTIONS_FILE}`,
        ),
      );
    }
  }
  exceptions.forEach((e, i) => {
    if (!used.has(i) && exSource) out.push(exSource.diagnostic('modal', [i, 'text'], `stale exception: no sentence in ${e.where} containing "${e.text}" says must/never for ${e.clauses.join(', ')}; remove it`));
  });
}

function courseCandidates(c: CompiledCourse): Candidate[] {
  const out: Candidate[] = [];
  for (const { module, source, screenIndex } of c.modules) {
    module.screens.forEach((screen, kept) => {
      const si = screenIndex?.[kept] ?? kept;
      const cited = [...(screen.clauses ?? []), ...(screen.kind === 'policyExcerpt' ? screen.quote : [])];
      for (const text of screenUnits(screen)) out.push({ source, path: ['screens', si], text, cited });
    });
  }
  for (const { item, source, path } of c.items) {
    for (const s of teachingStrings(item)) out.push({ source, path: [...path, ...s.path], text: s.text, cited: item.clauses });
  }
  return out;
}

function loadExceptions(root: string, out: Diagnostic[]): { exceptions: Exception[]; source: YamlSource | null } {
  const file = join(root, EXCEPTIONS_FILE);
  if (!existsSync(file)) return { exceptions: [], source: null };
  const source = new YamlSource(file, readFileSync(file, 'utf8'));
  out.push(...source.errors);
  const parsed = ExceptionsFile.safeParse(source.data ?? []);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out.push(source.diagnostic('schema', issue.path as Path, `${issue.path.join('.')}: ${issue.message}`));
    return { exceptions: [], source };
  }
  return { exceptions: parsed.data, source };
}
