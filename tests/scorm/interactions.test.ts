import { describe, expect, it } from 'vitest';
import { interactionsOf, type Cmi } from '@content/scorm';

// interactionsOf reads every stored cmi main holds (commits, the xAPI export), some from older
// versions or an import, so it must read odd element names the same way every time.
describe('interactionsOf: the interactions a stored cmi holds', () => {
  const cmi = (data: Record<string, string>): Cmi => ({ version: 'scorm2004', data });

  it('in index order, correct patterns by their own index, latency read', () => {
    const got = interactionsOf(
      cmi({
        'cmi.interactions.10.id': 'b',
        'cmi.interactions.2.id': 'a',
        'cmi.interactions.2.type': 'choice',
        'cmi.interactions.2.learner_response': 'x',
        'cmi.interactions.2.correct_responses.1.pattern': 'second',
        'cmi.interactions.2.correct_responses.0.pattern': 'first',
        'cmi.interactions.2.latency': 'PT1M2.5S',
        'cmi.interactions.2.timestamp': '2026-11-27T09:30:00',
      }),
    );
    expect(got.map((i) => [i.index, i.id])).toEqual([
      [2, 'a'],
      [10, 'b'],
    ]);
    expect(got[0]).toMatchObject({ type: 'choice', response: 'x', correctPatterns: ['first', 'second'], latencyMs: 62_500, answeredAt: '2026-11-27T09:30:00' });
    expect(got[1]).toMatchObject({ type: '', response: '', correctPatterns: [], latencyMs: null, answeredAt: null });
  });

  it('an index written two ways ("1" and "01") is one interaction, the later value kept', () => {
    const got = interactionsOf(
      cmi({
        'cmi.interactions.1.id': 'first-id',
        'cmi.interactions.01.id': 'second-id',
        'cmi.interactions.1.correct_responses.0.pattern': 'p-one',
        'cmi.interactions.01.correct_responses.0.pattern': 'p-two',
        'cmi.interactions.1.correct_responses.00.pattern': 'p-zero-zero',
      }),
    );
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ index: 1, id: 'second-id', correctPatterns: ['p-two', 'p-zero-zero'] });
  });

  it('names that only look like interactions are not read; one without an id is none', () => {
    expect(
      interactionsOf(
        cmi({
          'cmi.interactions._count': '3',
          'cmi.interactions..id': 'no-index',
          'cmi.interactions.1a.id': 'letters',
          'cmi.interactions.3.': 'no-field',
          'cmi.interactions.4.id\n': 'line-break',
          'cmi.interactions.5.type': 'choice',
          'cmi.interactions.6.id': '',
          'xcmi.interactions.7.id': 'prefix',
        }),
      ),
    ).toEqual([]);
  });
});
