import { z } from 'zod';
import { ClauseId, Slug } from './ids';
import { ITEM_KINDS } from './formats';

/**
 * The neutral answer record: what the player records for one answer and what the records store
 * re-scores. content/scorm maps `response` to each SCORM version's delimiters; scoring.ts is the
 * one place scoring is defined.
 */
export const AnswerRecord = z.strictObject({
  itemId: Slug,
  clauseIds: z.array(ClauseId).min(1),
  kind: z.enum(ITEM_KINDS),
  response: z.string().max(4000),
  latencyMs: z.int().nonnegative(),
});
export type AnswerRecord = z.infer<typeof AnswerRecord>;

export { INTERACTION_ID_RE, interactionId, parseInteractionId } from './interaction-id';
export { branchEnding, encodeResponse, parseResponse, scoreRecord, scoreResponse, sortResponse, type Response } from './scoring';
