import type { PlayerItem } from '@content/schema';
import { isKeyed } from '@content/schema/unkeyed-item';
import { deriveAnswerKey } from '@content/schema/derive-key';
import { interactionId } from '@content/schema/interaction-id';
import { correctResponse, type AnswerFacts } from '@content/scorm';
import type { Answer } from '../result';

/**
 * What one answer tells the LMS, in the version-neutral terms content/scorm maps to each data
 * model. The right response and the result go only with a keyed item already judged: an item sent
 * without its key (the app's scored modules) waits for main's judgement (recordJudgement).
 */
export function answerFacts(item: PlayerItem, answer: Answer, at: Date): AnswerFacts {
  return {
    id: interactionId(item),
    kind: item.kind,
    response: answer.response,
    ...(isKeyed(item) && answer.correct !== null ? { correctResponse: correctResponse(deriveAnswerKey(item)), correct: answer.correct } : {}),
    latencyMs: answer.latencyMs,
    at,
    stem: item.stem,
  };
}
