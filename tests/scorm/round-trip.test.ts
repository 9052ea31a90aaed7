import { describe, expect, it } from 'vitest';
import { deriveAnswerKey, interactionId, scoreResponse, type Item } from '@content/schema';
import {
  correctResponse,
  fromScormResponse,
  interactionElements,
  interactionType,
  SCORM_VERSIONS,
  shortestWalk,
  toScormResponse,
} from '@content/scorm';
import { answersOf } from '../content/answer-key-props';
import { testBundle } from '../helpers/bundle';
import { callProblems, responseProblem } from './standard';

/** Every item of the real bundle once: every course's bank and every module's own questions. */
function everyItem(): Item[] {
  const byId = new Map<string, Item>();
  for (const course of testBundle().courses) {
    for (const item of [...course.bank, ...course.modules.flatMap((m) => m.questions ?? [])]) byId.set(item.id, item);
  }
  return [...byId.values()];
}

const items = everyItem();

describe('every item of the real bundle, every way to answer it, both SCORM versions: encode → decode → score', () => {
  it('covers every item kind', () => {
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['single', 'trueFalse', 'sort', 'branching']));
  });

  describe.each(SCORM_VERSIONS)('%s', (version) => {
    it.each(items.map((i) => [i.id, i] as const))('%s', (_id, item) => {
      const key = deriveAnswerKey(item);
      const type = interactionType(version, item.kind);
      const answers = answersOf(item);
      expect(answers.some((a) => a.right)).toBe(true);
      for (const { response, right } of answers) {
        const written = toScormResponse(version, item.kind, response);
        expect(responseProblem(version, type, written), `${type} ${written}`).toBeNull();
        const read = fromScormResponse(version, item.kind, written);
        expect(read).toBe(response);
        expect(scoreResponse(key, read), `${written} should be ${right ? 'right' : 'wrong'}`).toBe(right);
      }
      // The correct pattern is a right answer in the version's own encoding.
      const pattern = toScormResponse(version, item.kind, correctResponse(key));
      expect(responseProblem(version, type, pattern), pattern).toBeNull();
      expect(scoreResponse(key, fromScormResponse(version, item.kind, pattern))).toBe(true);
      // A whole interaction, right and wrong, as the standard reads the calls that write it.
      for (const { response, right } of answers.slice(0, 2)) {
        const calls = interactionElements(version, 0, {
          id: interactionId(item),
          kind: item.kind,
          response,
          correctResponse: correctResponse(key),
          correct: right,
          latencyMs: 12_340,
          at: new Date(2026, 10, 27, 9, 30, 5),
          stem: item.stem,
        });
        expect(callProblems(version, calls)).toEqual([]);
      }
    });
  });
});

describe('the best walk through a scenario', () => {
  const scenarios = items.filter((i): i is Extract<Item, { kind: 'branching' }> => i.kind === 'branching');

  it.each(scenarios.map((i) => [i.id, i] as const))('%s: the correct pattern is a shortest walk to a best ending', (_id, item) => {
    const walks = answersOf(item).map((a) => ({ steps: a.response.split(','), right: a.right }));
    const shortestBest = Math.min(...walks.filter((w) => w.right).map((w) => w.steps.length));
    const shortestOther = Math.min(...walks.filter((w) => !w.right).map((w) => w.steps.length));
    const key = deriveAnswerKey(item);
    if (key.kind !== 'branching') throw new Error('not a scenario');
    const best = shortestWalk(key, true);
    expect(best?.length).toBe(shortestBest);
    expect(walks.some((w) => w.right && w.steps.join(',') === best?.join(','))).toBe(true);
    const other = shortestWalk(key, false);
    expect(other?.length).toBe(shortestOther);
    expect(walks.some((w) => !w.right && w.steps.join(',') === other?.join(','))).toBe(true);
  });
});

describe('hostile responses read back', () => {
  // A seeded stream of text made of the delimiters and id characters, as a tampered record might hold.
  const alphabet = ['a', 'b', 'n1', 'c1', 'g2', '.', ',', '[,]', '[.]', '[', ']', 't', 'f', 'true', '-', ' ', '\u0000', '1'];
  let seed = 20261127;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const noise = (): string => Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');

  it.each(SCORM_VERSIONS)('%s: never throw, and score right only what decodes to a right answer', (version) => {
    for (const item of items) {
      const key = deriveAnswerKey(item);
      const right = new Set(answersOf(item).filter((a) => a.right).map((a) => a.response));
      for (let i = 0; i < 40; i++) {
        const text = noise();
        const read = fromScormResponse(version, item.kind, text);
        expect(scoreResponse(key, read)).toBe(right.has(read));
      }
    }
  });
});
