import { interactionId, type AnswerKeyEntry, type Bundle } from '@content/schema';
import { correctResponse, interactionElements, shortestWalk, type Cmi } from '@content/scorm';

/** A neutral response that is right (or wrong) under the key: how a learner who knows (or not) answers. */
export function responseFor(key: AnswerKeyEntry, right: boolean): string {
  switch (key.kind) {
    case 'single':
      return right ? key.correct : key.correct === 'a' ? 'b' : 'a';
    case 'trueFalse':
      return String(right ? key.correct : !key.correct);
    case 'sort': {
      const groups = [...new Set(Object.values(key.correct))];
      return Object.entries(key.correct)
        .map(([card, group], i) => `${card}.${right || i > 0 ? group : (groups.find((g) => g !== group) ?? group)}`)
        .join(',');
    }
    case 'branching': {
      const walk = shortestWalk(key, right);
      if (!walk) throw new Error(`no ${right ? 'best' : 'other'} path through ${key.itemId}`);
      return walk.join(',');
    }
  }
}

/** A SCORM 2004 cmi answering the drawn items, the first `rightCount` right, at a human pace. */
export function answeredCmi(bundle: Bundle, drawnItemIds: readonly string[], rightCount: number): Cmi {
  const data: Record<string, string> = { 'cmi.completion_status': 'completed', 'cmi.exit': 'normal' };
  drawnItemIds.forEach((itemId, n) => {
    const key = bundle.answerKey[itemId];
    if (!key) throw new Error(`no answer key for ${itemId}`);
    const right = n < rightCount;
    const facts = { id: interactionId(key), kind: key.kind, response: responseFor(key, right), correctResponse: correctResponse(key), correct: right, latencyMs: 20_000 };
    for (const [element, value] of interactionElements('scorm2004', n, facts)) data[element] = value;
  });
  return { version: 'scorm2004', data };
}
