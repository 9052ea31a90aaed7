import { daleChall } from 'dale-chall';
import { daleChallFormula } from 'dale-chall-formula';
import { flesch } from 'flesch';
import { fleschKincaid } from 'flesch-kincaid';
import { spache } from 'spache';
import { spacheFormula } from 'spache-formula';
import { syllable } from 'syllable';
import { ukWords } from './uk-words';

/**
 * Our own sentence, word and syllable counting feeding the maintained formula packages. Counting
 * rules (documented so a reviewer can redo a figure by hand):
 * - Each text unit (a body paragraph, a key point, a step, a choice) ends a sentence even without a
 *   full stop; inside a unit, sentences end at . ! ? followed by a space or the end.
 * - Words are runs of letters or digits; apostrophes stay inside (don't), hyphens join (grown-up);
 *   a web address (childline.org.uk) is one word, a name, one syllable per dotted part.
 * - Familiar (Spache, Dale–Chall): on the list or the UK list, a regular form of a listed word
 *   (-s, -es, -ies, -ed, -d, -ing, -er, -est, 's), a number, a capitalised word inside a sentence
 *   (proper names count as familiar under both formulas' rules; at a sentence start, when the same
 *   text also writes it capitalised inside a sentence), or a hyphenated word whose parts
 *   are all familiar. Unfamiliar words are counted once each (unique), as the packages expect.
 * - Placeholders are read as the words the app puts there: {trust} "the Trust", {school} "our school".
 */
export interface TextCounts {
  sentence: number;
  word: number;
  syllable: number;
  /** Unique words not familiar under Spache (plus the UK list). */
  unfamiliarSpache: number;
  /** Unique words not familiar under Dale–Chall (plus the UK list). */
  unfamiliarDaleChall: number;
  /** The unfamiliar words themselves, for authors fixing a score. */
  spacheWords: string[];
  daleChallWords: string[];
}

export type Formula = 'spache' | 'daleChall' | 'fleschKincaid' | 'fleschReadingEase' | 'meanSentenceWords';

const spacheSet = new Set(spache);
const daleChallSet = new Set(daleChall);
const ABBREVIATIONS = /\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|St|vs|approx|no)\.(?=\s)/gi;
// A web address (childline.org.uk) is one word, read as a name; otherwise letters and digits.
const WORD_RE = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:\/[^\s]*)?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:-[\p{L}\p{N}]+(?:['’][\p{L}]+)*)*/gu;

export function fillPlaceholders(text: string): string {
  return text.replace(/\{trust\}/g, 'the Trust').replace(/\{school\}/g, 'our school').replace(/\{policyVersion\}/g, '1');
}

/** Split text units into sentences; each returned sentence is a list of word tokens as written. */
export function sentences(units: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const unit of units) {
    for (const para of fillPlaceholders(unit).split(/\n\s*\n|\n\s*(?=[-*•]\s)/)) {
      const flat = para.replace(/^\s*[-*•]\s+/, '').replace(/\s+/g, ' ').replace(ABBREVIATIONS, '$1');
      for (const s of flat.split(/(?<=[.!?]['"’”)]?)\s+/)) {
        const words = s.match(WORD_RE) ?? [];
        if (words.length > 0) out.push(words);
      }
    }
  }
  return out;
}

function isFamiliar(token: string, atStart: boolean, list: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  if (/^\p{N}/u.test(token) || token.includes('.')) return true;
  // A proper name: capitalised inside a sentence, or at the start when the text uses it that way elsewhere.
  if (/^\p{Lu}/u.test(token) && (!atStart || names.has(token))) return true;
  const word = token.toLowerCase().replace(/’/g, "'");
  if (known(word, list)) return true;
  if (word.includes('-')) return word.split('-').every((part) => /^\p{N}/u.test(part) || known(part, list));
  return false;
}

function known(word: string, list: ReadonlySet<string>): boolean {
  const has = (w: string) => list.has(w) || ukWords.has(w);
  if (has(word)) return true;
  const base = word.replace(/'s$|s'$/, '');
  if (has(base)) return true;
  const candidates: string[] = [];
  for (const [suffix, replacements] of SUFFIXES) {
    if (base.length > suffix.length + 1 && base.endsWith(suffix)) {
      const stem = base.slice(0, -suffix.length);
      for (const r of replacements) candidates.push(stem + r);
      // running -> run, stopped -> stop
      if ((suffix === 'ing' || suffix === 'ed' || suffix === 'er' || suffix === 'est') && /(.)\1$/.test(stem)) candidates.push(stem.slice(0, -1));
    }
  }
  return candidates.some(has);
}

const SUFFIXES: [string, string[]][] = [
  ['ies', ['y']],
  ['ied', ['y']],
  ['es', ['', 'e']],
  ['s', ['']],
  ['ing', ['', 'e']],
  ['ed', ['', 'e']],
  ['d', ['']],
  ['er', ['', 'e']],
  ['est', ['', 'e']],
];

function syllables(token: string): number {
  if (/^\p{N}/u.test(token)) return 1;
  if (token.includes('.')) return token.split('.').length;
  return token.split('-').reduce((n, part) => n + Math.max(1, syllable(part)), 0);
}

export function countText(units: readonly string[]): TextCounts {
  const all = sentences(units);
  const spacheWords = new Set<string>();
  const daleWords = new Set<string>();
  const names = new Set(all.flatMap((s) => s.slice(1).filter((t) => /^\p{Lu}/u.test(t))));
  let word = 0;
  let syl = 0;
  for (const s of all) {
    s.forEach((token, i) => {
      word++;
      syl += syllables(token);
      if (!isFamiliar(token, i === 0, spacheSet, names)) spacheWords.add(token.toLowerCase());
      if (!isFamiliar(token, i === 0, daleChallSet, names)) daleWords.add(token.toLowerCase());
    });
  }
  return {
    sentence: all.length,
    word,
    syllable: syl,
    unfamiliarSpache: spacheWords.size,
    unfamiliarDaleChall: daleWords.size,
    spacheWords: [...spacheWords].sort(),
    daleChallWords: [...daleWords].sort(),
  };
}

/** One formula over counted text; NaN when there is no text. Rounded to two decimals. */
export function score(formula: Formula, c: TextCounts): number {
  const base = { sentence: c.sentence, word: c.word };
  let value: number;
  switch (formula) {
    case 'spache':
      value = spacheFormula({ ...base, unfamiliarWord: c.unfamiliarSpache });
      break;
    case 'daleChall':
      value = daleChallFormula({ ...base, difficultWord: c.unfamiliarDaleChall });
      break;
    case 'fleschKincaid':
      value = fleschKincaid({ ...base, syllable: c.syllable });
      break;
    case 'fleschReadingEase':
      value = flesch({ ...base, syllable: c.syllable });
      break;
    case 'meanSentenceWords':
      value = c.sentence ? c.word / c.sentence : Number.NaN;
      break;
  }
  return Math.round(value * 100) / 100;
}

/** The longest sentence of a text, in words (for stems, feedback and quotes' neighbours). */
export function longestSentence(text: string): { words: number; sentence: string } {
  let best = { words: 0, sentence: '' };
  for (const s of sentences([text])) if (s.length > best.words) best = { words: s.length, sentence: s.join(' ') };
  return best;
}
