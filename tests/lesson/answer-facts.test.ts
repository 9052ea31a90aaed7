import { describe, expect, it } from 'vitest';
import type { TrueFalseItem } from '@content/schema';
import { withoutKey } from '@content/schema/unkeyed-item';
import { answerFacts } from '@renderer/lesson/scorm/answer-facts';
import { staffCourse } from './support';

/**
 * The one answer-to-LMS mapping both SCORM sinks use (a single lesson's adapter and the LMS
 * course's session): what an LMS report shows for an answer, and that an item sent without its
 * key never tells the LMS a right answer or a result before main has judged it.
 */
const item = staffCourse().bank.find((i): i is TrueFalseItem => i.kind === 'trueFalse');
if (!item) throw new Error('the staff bank has no true/false item');
const at = new Date('2026-11-27T09:30:05Z');
const wrong = { itemId: item.id, response: String(!item.answer), correct: false, latencyMs: 6170 };

describe('answerFacts', () => {
  it('a keyed answer carries the question, what was answered, the right answer and the result', () => {
    expect(answerFacts(item, wrong, at)).toEqual({
      id: `${item.id}__${item.clauses.join('_')}`,
      kind: 'trueFalse',
      response: String(!item.answer),
      correctResponse: String(item.answer),
      correct: false,
      latencyMs: 6170,
      at,
      stem: item.stem,
    });
  });

  it('an item sent without its key, or an answer not judged yet, carries no right answer and no result', () => {
    for (const facts of [answerFacts(withoutKey(item), wrong, at), answerFacts(item, { ...wrong, correct: null }, at)]) {
      expect(facts).not.toHaveProperty('correctResponse');
      expect(facts).not.toHaveProperty('correct');
      expect(facts).toMatchObject({ id: `${item.id}__${item.clauses.join('_')}`, response: String(!item.answer), latencyMs: 6170 });
    }
  });
});
