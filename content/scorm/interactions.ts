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

const INTERACTION_KEY_RE = /^cmi\.interactions\.(\d+)\.(.+)$/;
const PATTERN_RE = /^correct_responses\.(\d+)\.pattern$/;

/** The interactions of a cmi in index order (entries without an id are not interactions). */
export function interactionsOf(cmi: Cmi): CmiInteraction[] {
  const names = ELEMENTS[cmi.version];
  const byIndex = new Map<number, Map<string, string>>();
  for (const [key, value] of Object.entries(cmi.data)) {
    const m = INTERACTION_KEY_RE.exec(key);
    if (!m) continue;
    const n = Number(m[1]);
    const fields = byIndex.get(n) ?? new Map<string, string>();
    fields.set(m[2] ?? '', value);
    byIndex.set(n, fields);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, f]) => (f.get('id') ?? '') !== '')
    .map(([index, f]) => {
      const patterns = [...f.entries()]
        .flatMap(([field, value]) => {
          const m = PATTERN_RE.exec(field);
          return m ? [[Number(m[1]), value] as const] : [];
        })
        .sort(([a], [b]) => a - b)
        .map(([, value]) => value);
      return {
        index,
        id: f.get('id') ?? '',
        type: f.get('type') ?? '',
        response: f.get(names.response) ?? '',
        result: f.get('result') ?? '',
        latencyMs: durationMs(f.get('latency')),
        answeredAt: f.get(names.answeredAt) ?? null,
        correctPatterns: patterns,
        description: f.get('description') ?? '',
      };
    });
}
