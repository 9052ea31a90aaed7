import type { AnswerKeyEntry } from '../schema/answer-key';
import type { ItemKind } from '../schema/items';
import { bestPath } from './branching';
import type { ScormVersion } from './version';

// How each item kind crosses into each SCORM version. The neutral response (content/schema
// scoring.ts) is `b`, `true`, `c1.g2,c2.g1` (sort: card.group) or `n1.a,n2.c` (branching:
// node.option). SCORM 2004 separates list entries with `[,]` and pairs with `[.]`; SCORM 1.2 writes
// true/false as t/f, and its matching and sequencing responses allow single-character identifiers
// only (RTE 1.2 CMIFeedback), so the word ids of sorts and scenarios travel in 1.2 as
// `performance` (free text up to 255 characters) in the neutral form.

const TYPES: Record<ItemKind, Record<ScormVersion, string>> = {
  single: { scorm2004: 'choice', scorm12: 'choice' },
  trueFalse: { scorm2004: 'true-false', scorm12: 'true-false' },
  sort: { scorm2004: 'matching', scorm12: 'performance' },
  // A walk through decisions is an ordered list of choices: 2004's `sequencing`.
  branching: { scorm2004: 'sequencing', scorm12: 'performance' },
};

/** The interaction type an item kind is recorded as. */
export const interactionType = (version: ScormVersion, kind: ItemKind): string => TYPES[kind][version];

/** The item kind a recorded interaction type stands for, when only one kind is recorded as it. */
export function kindOfType(version: ScormVersion, type: string): ItemKind | null {
  const kinds = (Object.keys(TYPES) as ItemKind[]).filter((k) => TYPES[k][version] === type);
  return kinds.length === 1 ? (kinds[0] ?? null) : null;
}

/** The neutral response in the version's own encoding (learner_response / student_response / pattern). */
export function toScormResponse(version: ScormVersion, kind: ItemKind, neutral: string): string {
  if (version === 'scorm12') return kind === 'trueFalse' ? (neutral === 'true' ? 't' : neutral === 'false' ? 'f' : neutral) : neutral;
  if (kind === 'sort') return neutral.split(',').map((pair) => pair.replace('.', '[.]')).join('[,]');
  // A branching step keeps its dot: `n1.a` is one identifier of the sequence.
  if (kind === 'branching') return neutral.split(',').join('[,]');
  return neutral;
}

/**
 * A recorded response back to the neutral form. Lenient by design: 2004's reserved `[,]` and `[.]`
 * become `,` and `.` wherever they stand (neutral ids never hold brackets), 1.2 true-false accepts
 * 1/0 as well as t/f; anything else passes through unchanged and is then judged by scoreResponse,
 * which counts malformed text as wrong.
 */
export function fromScormResponse(version: ScormVersion, kind: ItemKind, text: string): string {
  if (version === 'scorm12') {
    if (kind !== 'trueFalse') return text;
    return text === 't' || text === '1' ? 'true' : text === 'f' || text === '0' ? 'false' : text;
  }
  return text.split('[,]').join(',').split('[.]').join('.');
}

/** The neutral response that is right under a key (for a branching key, the shortest walk to a best ending). */
export function correctResponse(key: AnswerKeyEntry): string {
  switch (key.kind) {
    case 'single':
      return key.correct;
    case 'trueFalse':
      return String(key.correct);
    case 'sort':
      return Object.entries(key.correct)
        .map(([card, group]) => `${card}.${group}`)
        .join(',');
    case 'branching':
      return bestPath(key);
  }
}

/** The result vocabularies: 1.2 says `wrong` where 2004 says `incorrect`. */
export const RESULT = {
  scorm2004: { right: 'correct', wrong: 'incorrect' },
  scorm12: { right: 'correct', wrong: 'wrong' },
} as const satisfies Record<ScormVersion, { right: string; wrong: string }>;

export const interactionResult = (version: ScormVersion, correct: boolean): string => (correct ? RESULT[version].right : RESULT[version].wrong);

/** What a recorded result says in either version: true right, false wrong, null neither (neutral, unanticipated, a number). */
export const resultSays = (result: string): boolean | null =>
  result === 'correct' ? true : result === RESULT.scorm2004.wrong || result === RESULT.scorm12.wrong ? false : null;
