import { describe, expect, it } from 'vitest';
import { interactionsOf, type Cmi } from '@content/scorm';
import { primeStoredInteractions, readStoredCmi, storedCmiText, storedInteractions } from '@services/records/cmi';

const answered = (responses: string[]): Cmi => ({
  version: 'scorm2004',
  data: Object.fromEntries(
    responses.flatMap((r, n) => [
      [`cmi.interactions.${n}.id`, `item-${n}`],
      [`cmi.interactions.${n}.type`, 'choice'],
      [`cmi.interactions.${n}.learner_response`, r],
    ]),
  ),
});

/**
 * The stored cmi a commit diffs its answers against (timeline.ts) comes from what the previous
 * commit wrote: its interactions are worked out once, and never from a cmi that could still change.
 */
describe('the interactions of a stored cmi', () => {
  it('are those of the cmi as written, worked out once and shared read-only', () => {
    const sent = answered(['a', 'b']);
    const text = storedCmiText(sent);
    primeStoredInteractions();
    sent.data['cmi.interactions.1.learner_response'] = 'changed after it was written';
    const stored = readStoredCmi(text);
    const found = storedInteractions(stored);
    expect(found.map((i) => i.response)).toEqual(['a', 'b']);
    expect(storedInteractions(readStoredCmi(text)), 'the same, not worked out again').toBe(found);
    expect(Object.isFrozen(found) && found.every((i) => Object.isFrozen(i))).toBe(true);
  });

  it('are worked out afresh for a cmi that is not a stored copy, so a change to it is seen', () => {
    const cmi = answered(['a']);
    expect(storedInteractions(cmi).map((i) => i.response)).toEqual(['a']);
    cmi.data['cmi.interactions.0.learner_response'] = 'b';
    expect(storedInteractions(cmi)).toEqual(interactionsOf(cmi));
    expect(storedInteractions(cmi).map((i) => i.response)).toEqual(['b']);
  });
});
