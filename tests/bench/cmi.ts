import { deriveAnswerKey, interactionId, type Item } from '@content/schema';
import { correctResponse, interactionElements, isoDuration, type Cmi } from '@content/scorm';

/** A wrong neutral answer where the item kind makes one easy to write; otherwise the right one. */
function wrongNeutral(item: Item): string {
  if (item.kind === 'single') return item.options.find((o) => o.correct !== true)?.id ?? correctResponse(deriveAnswerKey(item));
  if (item.kind === 'trueFalse') return String(!item.answer);
  return correctResponse(deriveAnswerKey(item));
}

/**
 * The SCORM 2004 cmi a player holds after `answered` of `items` (what the player's in-app host
 * commits): status, location, suspend data, session time and one interaction per answer with a
 * plausible latency. `wrongEvery` makes every n-th answer wrong (0: all right).
 */
export function assessmentCmi(items: readonly Item[], answered: number, finished: boolean, wrongEvery = 0): Cmi {
  const data: Record<string, string> = {
    'cmi.completion_status': finished ? 'completed' : 'incomplete',
    'cmi.success_status': 'unknown',
    'cmi.location': `q${answered}`,
    'cmi.suspend_data': `v1;i${answered};p${items.length}`,
    'cmi.exit': finished ? 'normal' : 'suspend',
    'cmi.session_time': isoDuration(60_000 + answered * 25_000),
    'cmi.progress_measure': items.length ? String(Math.round((answered / items.length) * 100) / 100) : '1',
  };
  items.slice(0, answered).forEach((item, n) => {
    const right = wrongEvery === 0 || (n + 1) % wrongEvery !== 0;
    const correct = correctResponse(deriveAnswerKey(item));
    const facts = {
      id: interactionId(item),
      kind: item.kind,
      response: right ? correct : wrongNeutral(item),
      correctResponse: correct,
      correct: right,
      latencyMs: 8_000 + ((n * 7919) % 30_000),
      at: new Date(2026, 10, 27, 10, 0, 0),
    };
    for (const [element, value] of interactionElements('scorm2004', n, facts)) data[element] = value;
  });
  return { version: 'scorm2004', data };
}

/** A lesson's cmi (screens only): progress through `screens` screens. */
export function lessonCmi(screen: number, screens: number, finished: boolean): Cmi {
  return {
    version: 'scorm2004',
    data: {
      'cmi.completion_status': finished ? 'completed' : 'incomplete',
      'cmi.location': `s${screen}`,
      'cmi.suspend_data': `v1;s${screen};n${screens}`,
      'cmi.exit': finished ? 'normal' : 'suspend',
      'cmi.session_time': isoDuration(30_000 + screen * 40_000),
      'cmi.progress_measure': String(Math.round((screen / Math.max(1, screens)) * 100) / 100),
    },
  };
}
