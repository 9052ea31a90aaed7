import type { Item } from '@content/schema';
import { deriveAnswerKey } from '@content/schema/answer-key';
import { parseResponse, scoreResponse } from '@content/schema/scoring';
import { ServiceError } from '@contract/result';
import type { ClassAnswer } from '@contract/channels/classes';
import { misconceptionOf } from '../records';
import type { ClassAnswerEntry } from './journal-entries';

type Counts = ClassAnswerEntry['counts'];

/** A response the question could really have been given; anything else is a forgery or a slip. */
function checkResponse(item: Item, response: string): void {
  let parsed;
  try {
    parsed = parseResponse(item.kind, response);
  } catch (err) {
    throw new ServiceError('invalid-request', `answer: ${(err as Error).message}`);
  }
  if (parsed.kind === 'single' && item.kind === 'single' && !item.options.some((o) => o.id === parsed.option)) {
    throw new ServiceError('invalid-request', `answer: "${response}" is not an option of question "${item.id}"`);
  }
  if (parsed.kind === 'sort' && item.kind === 'sort') {
    const cards = parsed.placements.map((p) => p.card);
    const groups = new Set(item.groups.map((g) => g.id));
    const complete = cards.length === item.cards.length && item.cards.every((c) => cards.includes(c.id)) && new Set(cards).size === cards.length;
    if (!complete || parsed.placements.some((p) => !groups.has(p.group))) {
      throw new ServiceError('invalid-request', `answer: a sort answer places each card of question "${item.id}" once, in one of its groups`);
    }
  }
}

/**
 * What a class's answer adds to the class counts, judged as a pupil's answer is (records/verdict.ts):
 * right first time is secure, right at the second try developing, otherwise the misconception of the
 * first answer. A tally counts each response as one pupil's first answer.
 */
export function classOutcomes(item: Item, answer: ClassAnswer): Counts {
  if (item.kind === 'branching') throw new ServiceError('invalid-request', `question "${item.id}" is a branching scenario: class mode has none`);
  const key = deriveAnswerKey(item);
  if (answer.kind === 'class') {
    for (const r of answer.tries) checkResponse(item, r);
    const [first, second] = answer.tries as [string, string | undefined];
    if (scoreResponse(key, first)) {
      if (second !== undefined) throw new ServiceError('invalid-request', 'answer: the first try was right, so there is no second try');
      return [{ outcome: 'secure', misconception: '', count: 1 }];
    }
    if (second !== undefined && scoreResponse(key, second)) return [{ outcome: 'developing', misconception: '', count: 1 }];
    return [{ outcome: 'misconception', misconception: misconceptionOf(item, first), count: 1 }];
  }
  if (item.kind === 'sort') throw new ServiceError('invalid-request', 'answer: a sort question takes the class answer, not a tally');
  const seen = new Set<string>();
  let total = 0;
  const counts: Counts = [];
  for (const c of answer.counts) {
    checkResponse(item, c.response);
    if (seen.has(c.response)) throw new ServiceError('invalid-request', `answer: "${c.response}" is counted twice`);
    seen.add(c.response);
    total += c.count;
    const right = scoreResponse(key, c.response);
    counts.push({ outcome: right ? 'secure' : 'misconception', misconception: right ? '' : misconceptionOf(item, c.response), count: c.count });
  }
  if (total === 0) throw new ServiceError('invalid-request', 'answer: the tally counts nobody');
  return counts;
}
