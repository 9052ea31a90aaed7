import { interactionId, type AnswerKeyEntry, type Bundle } from '../../../content/schema';
import type { Cmi } from '../../../electron/contract';

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
      // Walk the scenario, choosing at each node the option that still leads to a best ending (or not).
      const leadsTo = (node: string, want: (ending: string) => boolean, seen = new Set<string>()): string[] | null => {
        if (seen.has(node)) return null;
        for (const [step, to] of Object.entries(key.transitions)) {
          if (!step.startsWith(`${node}.`)) continue;
          if (to.ending !== undefined && want(to.ending)) return [step];
          if (to.next !== undefined) {
            const rest = leadsTo(to.next, want, new Set([...seen, node]));
            if (rest) return [step, ...rest];
          }
        }
        return null;
      };
      const path = leadsTo(key.start, (e) => key.correct.includes(e) === right);
      if (!path) throw new Error(`no ${right ? 'best' : 'other'} path through ${key.itemId}`);
      return path.join(',');
    }
  }
}

const TYPE = { single: 'choice', trueFalse: 'true-false', sort: 'matching', branching: 'other' } as const;

/** A SCORM 2004 cmi answering the drawn items, the first `rightCount` right, at a human pace. */
export function answeredCmi(bundle: Bundle, drawnItemIds: readonly string[], rightCount: number): Cmi {
  const data: Record<string, string> = { 'cmi.completion_status': 'completed', 'cmi.exit': 'normal' };
  drawnItemIds.forEach((itemId, n) => {
    const key = bundle.answerKey[itemId];
    if (!key) throw new Error(`no answer key for ${itemId}`);
    const right = n < rightCount;
    const neutral = responseFor(key, right);
    const at = `cmi.interactions.${n}`;
    data[`${at}.id`] = interactionId(key);
    data[`${at}.type`] = TYPE[key.kind];
    data[`${at}.learner_response`] = neutral.split(',').join('[,]').split('.').join('[.]');
    data[`${at}.result`] = right ? 'correct' : 'incorrect';
    data[`${at}.latency`] = 'PT20S';
  });
  return { version: 'scorm2004', data };
}
