// Matching the clause registry against a new policy text, by wording rather than by position:
// which clauses are still there word for word, which were reworded, which are gone, and which
// rules of the new text are new.
import type { Clause, ClauseRegistry, Section } from '../schema/index';
import { isNormative, joinSegments, normaliseWording, parsePolicy, titleKey, type PolicyDoc, type Segment } from './policy-text';
import { bagOf, similarity, wordDiff, wordsOf, type DiffPart } from './word-diff';

/** Below this share of words in common (2·LCS / total), a clause is taken as removed. */
export const REWORDED_AT_LEAST = 0.5;
/**
 * A clause that grew keeps most of its old words, in order: "Check privacy settings regularly." ->
 * "Check privacy settings at least once a term and after every app update." (Only that way round:
 * a short new line holding a few of a long clause's words is too weak a sign.)
 */
export const KEPT_AT_LEAST = 0.75;

/** Far more sentences than any policy: the text is refused rather than compared for minutes. */
export const MAX_SENTENCES = 5000;

export class PolicyTextTooLong extends Error {
  override name = 'PolicyTextTooLong';
}

export interface ChangedClause {
  id: string;
  section: string;
  oldText: string;
  newText: string;
  /** Line of the new wording in the new text. */
  line: number;
  similarity: number;
  diff: DiffPart[];
}

export interface RemovedClause {
  id: string;
  section: string;
  text: string;
}

export interface AddedRule {
  /** The registry section it falls under, or a new section id made from its heading. */
  section: string;
  /** Set when the heading matches no section of the registry: the title of the new section. */
  newSection?: string;
  text: string;
  line: number;
  /** Its position among the new text's segments, to keep the registry in the document's order. */
  index: number;
  /** A list item, and the lead-in that introduces its list ("Pupils will be advised:"). */
  leadIn?: string;
}

export interface PolicyMatch {
  changed: ChangedClause[];
  removed: RemovedClause[];
  added: AddedRule[];
  unchanged: string[];
  /** For each clause still in the policy (unchanged or reworded), the segments it covers. */
  spans: Map<string, { from: number; to: number }>;
  doc: PolicyDoc;
}

interface Span {
  from: number;
  to: number;
}

/**
 * Compare `registry` (whose wording is `oldText`) with `newText`. An old sentence that no clause
 * holds (a description, a lead-in) is not reported as added when it is still there unchanged.
 */
export function matchPolicy(registry: ClauseRegistry, oldText: string, newText: string): PolicyMatch {
  const oldDoc = parsePolicy(oldText, registry.sections.map((s) => s.title));
  const known = [...registry.sections.map((s) => s.title), ...oldDoc.headings.map((h) => h.title)];
  const doc = parsePolicy(newText, known);
  if (doc.segments.length > MAX_SENTENCES) {
    throw new PolicyTextTooLong(`the new text has ${doc.segments.length} sentences and list items; a policy has a few hundred (edition ${registry.policy.edition}: ${oldDoc.segments.length}), so this is not one (the limit is ${MAX_SENTENCES})`);
  }
  const used = new Uint8Array(doc.segments.length);
  const spans = new Map<string, Span>();
  const claim = (id: string, span: Span) => {
    spans.set(id, span);
    for (let k = span.from; k <= span.to; k++) used[k] = 1;
  };

  // 1. Word for word (after folding quotes, spacing and markers): unchanged.
  const unchanged: string[] = [];
  const rest: Clause[] = [];
  for (const clause of registry.clauses) {
    const span = exactSpan(doc.segments, normaliseWording(clause.text), used);
    if (span) {
      claim(clause.id, span);
      unchanged.push(clause.id);
    } else {
      rest.push(clause);
    }
  }

  // 2. The rest by similarity: every candidate span scored, best first, each segment used once.
  const segWords = doc.segments.map((s) => wordsOf(s.norm));
  const candidates: { clause: Clause; span: Span; score: number }[] = [];
  for (const clause of rest) candidates.push(...similarSpans(doc.segments, segWords, clause, used));
  candidates.sort((x, y) => y.score - x.score || x.span.from - y.span.from);
  const changed: ChangedClause[] = [];
  for (const c of candidates) {
    if (spans.has(c.clause.id) || overlaps(c.span, used)) continue;
    claim(c.clause.id, c.span);
    const newText = joinSegments(doc.segments.slice(c.span.from, c.span.to + 1));
    changed.push({
      id: c.clause.id,
      section: c.clause.section,
      oldText: c.clause.text,
      newText,
      line: doc.segments[c.span.from]?.line ?? 0,
      similarity: Math.round(c.score * 1000) / 1000,
      diff: wordDiff(normaliseWording(c.clause.text), normaliseWording(newText)),
    });
  }
  const order = new Map(registry.clauses.map((c, i) => [c.id, i]));
  changed.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
  const removed = rest.filter((c) => !spans.has(c.id)).map((c) => ({ id: c.id, section: c.section, text: c.text }));

  // 3. Rules of the new text that no clause holds and that were not in the old text either.
  const oldSentences = new Set(oldDoc.segments.map((s) => s.norm));
  const sectionOf = headingSections(doc, registry.sections, spans, registry.clauses);
  const added: AddedRule[] = [];
  doc.segments.forEach((s, i) => {
    if (used[i] || oldSentences.has(s.norm) || !isNormative(doc, i)) return;
    const where = sectionOf(s.heading);
    const lead = s.leadIn !== undefined ? doc.segments[s.leadIn] : undefined;
    added.push({ section: where.id, ...(where.title ? { newSection: where.title } : {}), text: s.text, line: s.line, index: i, ...(lead ? { leadIn: lead.text } : {}) });
  });

  return { changed, removed, added, unchanged, spans, doc };
}

/** The run of free segments whose joined wording holds the clause's, starting in the first and ending in the last. */
function exactSpan(segments: readonly Segment[], norm: string, used: Uint8Array): Span | null {
  const firstWord = norm.slice(0, norm.indexOf(' ') < 0 ? norm.length : norm.indexOf(' '));
  for (let from = 0; from < segments.length; from++) {
    // The wording starts in the first segment of the run, so that segment holds its first word.
    if (used[from] || !(segments[from] as Segment).norm.includes(firstWord)) continue;
    const firstLength = (segments[from] as Segment).norm.length;
    for (let to = from; to < segments.length; to++) {
      if (used[to]) break;
      const joined = joinSegments(segments.slice(from, to + 1), 'norm');
      const at = joined.indexOf(norm);
      if (at >= 0) {
        const lastLength = (segments[to] as Segment).norm.length;
        if (at < firstLength && at + norm.length > joined.length - lastLength) return { from, to };
        break;
      }
      if (joined.length - firstLength > norm.length) break;
    }
  }
  return null;
}

function similarSpans(segments: readonly Segment[], segWords: readonly string[][], clause: Clause, used: Uint8Array): { clause: Clause; span: Span; score: number }[] {
  const words = wordsOf(normaliseWording(clause.text));
  const want = bagOf(words);
  const telling = new Set(words.filter((w) => !STOP.has(w)));
  // A clause of n sentences or list items is looked for in runs of up to n + 2 segments, and in
  // nothing much longer than itself: a reworded or grown rule, never a page.
  const parts = normaliseWording(clause.text).split(/(?<=[.!?;:])\s+/).length;
  const maxWords = 3 * words.length + 12;
  const out: { clause: Clause; span: Span; score: number }[] = [];
  for (let from = 0; from < segments.length; from++) {
    if (used[from]) continue;
    // A run worth scoring starts with a sentence that shares a telling word with the clause.
    if (telling.size > 0 && !(segWords[from] ?? []).some((w) => telling.has(w))) continue;
    const have = new Map<string, number>();
    let common = 0;
    let length = 0;
    for (let to = from; to < segments.length && to < from + parts + 2; to++) {
      const add = segWords[to] ?? [];
      if (used[to] || segments[to]?.heading !== segments[from]?.heading || length + add.length > maxWords) break;
      // Words in common regardless of order, kept as the run grows: the most the score could be.
      for (const w of add) {
        const n = have.get(w) ?? 0;
        if (n < (want.get(w) ?? 0)) common++;
        have.set(w, n + 1);
      }
      length += add.length;
      if ((2 * common) / (words.length + length) < REWORDED_AT_LEAST && common / words.length < KEPT_AT_LEAST) continue;
      const score = similarity(words, segWords.slice(from, to + 1).flat());
      const grew = length >= words.length && score.common >= 3 && score.common / words.length >= KEPT_AT_LEAST;
      if (score.dice >= REWORDED_AT_LEAST || grew) out.push({ clause, span: { from, to }, score: score.dice });
    }
  }
  return out;
}

function overlaps(span: Span, used: Uint8Array): boolean {
  for (let k = span.from; k <= span.to; k++) if (used[k]) return true;
  return false;
}

/**
 * Which registry section each heading of the new text stands for: by title (numbering and case
 * aside), else the section most of its matched clauses belong to (a renamed heading), else a new
 * section named after the heading.
 */
function headingSections(doc: PolicyDoc, sections: readonly Section[], spans: Map<string, Span>, clauses: readonly Clause[]): (heading: number) => { id: string; title?: string } {
  const byTitle = new Map(sections.map((s) => [titleKey(s.title), s.id]));
  const sectionOfClause = new Map(clauses.map((c) => [c.id, c.section]));
  const votes = new Map<number, Map<string, number>>();
  for (const [id, span] of spans) {
    const h = doc.segments[span.from]?.heading ?? -1;
    const section = sectionOfClause.get(id);
    if (!section) continue;
    const v = votes.get(h) ?? new Map<string, number>();
    v.set(section, (v.get(section) ?? 0) + 1);
    votes.set(h, v);
  }
  const taken = new Set(sections.map((s) => s.id));
  const cache = new Map<number, { id: string; title?: string }>();
  return (h) => {
    const hit = cache.get(h);
    if (hit) return hit;
    const heading = doc.headings[h];
    let result: { id: string; title?: string };
    const titled = heading ? byTitle.get(titleKey(heading.title)) : undefined;
    const voted = [...(votes.get(h) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (titled) result = { id: titled };
    else if (voted) result = { id: voted };
    else if (heading) {
      let id = slugOf(heading.title, 4) || 'section';
      for (let n = 2; taken.has(id); n++) id = `${slugOf(heading.title, 4)}-${n}`;
      taken.add(id);
      result = { id, title: normaliseWording(heading.title).replace(/^[\d.]+\s+/, '') };
    } else {
      // Text before the first heading: the first section of the registry.
      result = { id: sections[0]?.id ?? 'introduction' };
    }
    cache.set(h, result);
    return result;
  };
}

const STOP = new Set(
  'a an the of to and or on in for any all how what why be will must should shall may is are their they them with by as at that this from its it our we who which when where if than then so such can has have been not no do does staff members member'.split(' '),
);

/** A lower-case slug from the first `n` meaningful words of a text. */
export function slugOf(text: string, n: number): string {
  return wordsOf(normaliseWording(text))
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter((w) => w && !STOP.has(w))
    .slice(0, n)
    .join('-');
}
