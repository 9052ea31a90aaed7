import type { ItemKind } from '../schema/items';
import { description } from './data-model';
import { interactionResult, interactionType, toScormResponse } from './responses';
import { answeredAt, duration, durationMs } from './time';
import { ELEMENTS, type Cmi, type ScormVersion } from './version';

/** One answer as the SCORM record reports it, in neutral terms. */
export interface AnswerFacts {
  /** interactionId(item): the item and the clauses it assesses. */
  id: string;
  kind: ItemKind;
  /**
   * Neutral responses (content/schema scoring.ts): what was answered, and what is right. The
   * right response and the result are left out while the player does not hold the key (a scored
   * module in the app); `judgementElements` adds them once main has judged the answer.
   */
  response: string;
  correctResponse?: string;
  correct?: boolean;
  latencyMs: number;
  /** When it was answered; left out when unknown. */
  at?: Date;
  /** The question as asked: SCORM 2004 keeps it as the description (1.2 has no such element). */
  stem?: string;
}

/**
 * The elements one answer sets as interaction n, in the order a SCO sets them: id and type first,
 * because an LMS checks each response against the interaction's type. The player sets these
 * through the API; the demo and the tests write them into a stored cmi, so both hold the same.
 */
export function interactionElements(version: ScormVersion, n: number, a: AnswerFacts): [element: string, value: string][] {
  const p = `cmi.interactions.${n}.`;
  const out: [string, string][] = [
    [`${p}id`, a.id],
    [`${p}type`, interactionType(version, a.kind)],
  ];
  if (a.at) out.push([`${p}${ELEMENTS[version].answeredAt}`, answeredAt(version, a.at)]);
  if (version === 'scorm2004' && a.stem !== undefined) out.push([`${p}description`, description(a.stem)]);
  if (a.correctResponse !== undefined) out.push([`${p}correct_responses.0.pattern`, toScormResponse(version, a.kind, a.correctResponse)]);
  out.push([`${p}${ELEMENTS[version].response}`, toScormResponse(version, a.kind, a.response)]);
  if (a.correct !== undefined) out.push([`${p}result`, interactionResult(version, a.correct)]);
  out.push([`${p}latency`, duration(version, a.latencyMs)]);
  return out;
}

/** The right response and the result of interaction n, set once main has judged an answer sent without them. */
export function judgementElements(version: ScormVersion, n: number, a: { kind: ItemKind; correctResponse: string; correct: boolean }): [element: string, value: string][] {
  const p = `cmi.interactions.${n}.`;
  return [
    [`${p}correct_responses.0.pattern`, toScormResponse(version, a.kind, a.correctResponse)],
    [`${p}result`, interactionResult(version, a.correct)],
  ];
}

/** One interaction as a stored cmi holds it, in the version's own terms. */
export interface CmiInteraction {
  index: number;
  id: string;
  type: string;
  /** learner_response (2004) or student_response (1.2), as written. */
  response: string;
  result: string;
  /** Milliseconds, or null when no readable latency was reported. */
  latencyMs: number | null;
  /** timestamp (2004) or time (1.2), as written; null when absent. */
  answeredAt: string | null;
  correctPatterns: string[];
  description: string;
}

const INTERACTIONS = 'cmi.interactions.';
const PATTERN = 'correct_responses.';
const PATTERN_END = '.pattern';
const DIGITS = /^\d+$/;

/** One interaction's fields as they are found, its correct patterns apart (by their own index). */
interface Found {
  fields: Map<string, string>;
  patterns: [number, string][];
}

/**
 * `cmi.interactions.<n>.<field>`: the interaction's index and the field, or null for any other
 * element (a field spans the rest of the name, dots included, but no line break).
 */
function interactionKey(key: string): [number, string] | null {
  if (!key.startsWith(INTERACTIONS)) return null;
  const dot = key.indexOf('.', INTERACTIONS.length);
  if (dot < 0 || dot === key.length - 1) return null;
  const digits = key.slice(INTERACTIONS.length, dot);
  const field = key.slice(dot + 1);
  if (!DIGITS.test(digits) || field.includes('\n') || field.includes('\r') || field.includes('\u2028') || field.includes('\u2029')) return null;
  return [Number(digits), field];
}

/**
 * Element names already read by `interactionKey`, with the pattern index of their field: every
 * commit reads the same ninety or so names again, in the new cmi and in the one it stored.
 * Bounded, as the names come from learners: started again once it holds NAMES_KEPT.
 */
const namesRead = new Map<string, readonly [index: number, field: string, pattern: number | null] | null>();
const NAMES_KEPT = 4096;

function readName(key: string): readonly [index: number, field: string, pattern: number | null] | null {
  const known = namesRead.get(key);
  if (known !== undefined) return known;
  const parsed = interactionKey(key);
  const read = parsed ? ([parsed[0], parsed[1], patternIndex(parsed[1])] as const) : null;
  if (namesRead.size >= NAMES_KEPT) namesRead.clear();
  namesRead.set(key, read);
  return read;
}

/** `correct_responses.<n>.pattern`: the pattern's index, or null for any other field. */
function patternIndex(field: string): number | null {
  if (!field.startsWith(PATTERN) || !field.endsWith(PATTERN_END)) return null;
  const digits = field.slice(PATTERN.length, field.length - PATTERN_END.length);
  return DIGITS.test(digits) ? Number(digits) : null;
}

/**
 * The interactions of a cmi in index order (entries without an id are not interactions). One pass
 * over the elements: every commit reads the stored cmi's and the new one's, and the xAPI export
 * every attempt's.
 */
export function interactionsOf(cmi: Cmi): CmiInteraction[] {
  const names = ELEMENTS[cmi.version];
  const byIndex = new Map<number, Found>();
  for (const key in cmi.data) {
    const parsed = readName(key);
    if (!parsed) continue;
    const [n, field, p] = parsed;
    let found = byIndex.get(n);
    if (!found) byIndex.set(n, (found = { fields: new Map(), patterns: [] }));
    const value = cmi.data[key] as string;
    // Two names for one index ("01" and "1") land on the same interaction, the later one winning, as before.
    found.fields.set(field, value);
    if (p !== null) found.patterns.push([p, value]);
  }
  const out: CmiInteraction[] = [];
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const { fields: f, patterns } = byIndex.get(index) as Found;
    const id = f.get('id') ?? '';
    if (id === '') continue;
    out.push({
      index,
      id,
      type: f.get('type') ?? '',
      response: f.get(names.response) ?? '',
      result: f.get('result') ?? '',
      latencyMs: durationMs(f.get('latency')),
      answeredAt: f.get(names.answeredAt) ?? null,
      correctPatterns: correctPatterns(f, patterns),
      description: f.get('description') ?? '',
    });
  }
  return out;
}

/** The correct patterns by their index; a field named twice ("0" and "00") counts once, with its last value. */
function correctPatterns(fields: Map<string, string>, found: [number, string][]): string[] {
  if (found.length === 0) return [];
  if (found.length === 1) return [found[0]![1]];
  const kept = [...fields.entries()].flatMap(([field, value]) => {
    const p = patternIndex(field);
    return p === null ? [] : [[p, value] as const];
  });
  return kept.sort(([a], [b]) => a - b).map(([, value]) => value);
}
