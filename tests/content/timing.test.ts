import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item, Screen } from '@content/schema';
import { analyse, compileContent } from '@content/tools/index';
import { TIMING, drawEffort, itemEffort, minutesOf, screenEffort } from '@content/tools/timing';
import { FIXTURE_OPTIONS, VALID, problems } from './fixture';

// How long the staff course takes is estimated from the content (docs/content.md). Every expected
// figure below is counted by hand from the text in the test, not by the estimator.

const noQuote = () => undefined;

describe('the content estimate of staff time', () => {
  it('states its assumptions: 200 words a minute, 5 s a step, 10 s a decision', () => {
    expect(TIMING).toEqual({ wordsPerMinute: 200, secondsPerStep: 5, secondsPerDecision: 10 });
    // 200 words, 3 steps and 1 decision: one minute of reading and 25 seconds more.
    expect(minutesOf({ words: 200, steps: 3, decisions: 1 })).toBeCloseTo(1 + 25 / 60, 10);
  });

  it('reads everything a screen shows: title, body, points, routes and the quoted policy wording', () => {
    const text: Screen = { id: 's1', kind: 'text', title: 'Two words', body: 'One two three. Four five.', clauses: ['scope.all-staff'] };
    expect(screenEffort(text, noQuote)).toEqual({ words: 7, steps: 1, decisions: 0 });
    const who: Screen = {
      id: 's2',
      kind: 'whoToTell',
      routes: [{ situation: 'A child at risk.', contact: 'The DSL', how: 'At once.', phone: '0344 381 4772' }],
      clauses: ['scope.all-staff'],
    };
    // 4 + 2 + 2 words, and the phone number's three groups of digits.
    expect(screenEffort(who, noQuote).words).toBe(11);
    const quote: Screen = { id: 's3', kind: 'policyExcerpt', quote: ['a.b'], clauses: ['a.b'] };
    expect(screenEffort(quote, (id) => (id === 'a.b' ? 'Applies to all Trust staff.' : undefined)).words).toBe(5);
    // A reflection is read and then ticked: one decision.
    const reflect: Screen = { id: 's4', kind: 'reflection', body: 'Tick any.', choices: ['Yes', 'No'], clauses: ['a.b'] };
    expect(screenEffort(reflect, noQuote)).toEqual({ words: 4, steps: 1, decisions: 1 });
  });

  it('reads a question, every option and the feedback of the right answer; two steps and one decision', () => {
    const single: Item = {
      id: 'q1',
      kind: 'single',
      clauses: ['a.b'],
      stem: 'Is it fine?',
      options: [
        { id: 'a', text: 'Yes.', feedback: 'No: this feedback is not read by a learner who answers right.' },
        { id: 'b', text: 'No.', feedback: 'Not read either.' },
        { id: 'c', text: 'Ask first.', correct: true, feedback: 'Right. Ask the DSL.' },
      ],
    };
    expect(itemEffort(single)).toEqual({ words: 3 + 4 + 4, steps: 2, decisions: 1 });
    const trueFalse: Item = { id: 'q2', kind: 'trueFalse', clauses: ['a.b'], stem: 'True or false: it is fine.', answer: false, feedback: { true: 'Not read.', false: 'Right. It is not.' } };
    // Stem 6 words, the two buttons, the feedback for "false".
    expect(itemEffort(trueFalse)).toEqual({ words: 6 + 2 + 4, steps: 2, decisions: 1 });
  });

  it('walks a branching scenario along the paths to a best ending: two steps and a decision per choice', () => {
    const branching: Item = {
      id: 'q3',
      kind: 'branching',
      clauses: ['a.b'],
      stem: 'A pupil messages you.',
      start: 'n1',
      nodes: [
        {
          id: 'n1',
          prompt: 'What first?',
          options: [
            { id: 'a', text: 'Do not reply.', consequence: 'Nothing is sent.', feedback: 'Good start.', next: 'n2' },
            { id: 'b', text: 'Reply.', consequence: 'A long chat begins at once.', feedback: 'Not that.', next: 'n2' },
          ],
        },
        {
          id: 'n2',
          prompt: 'Then?',
          options: [
            { id: 'a', text: 'Tell the DSL.', consequence: 'Help comes.', feedback: 'Right.', ending: 'good' },
            { id: 'b', text: 'Wait.', consequence: 'Nothing happens.', feedback: 'Too late.', ending: 'bad' },
          ],
        },
      ],
      endings: [
        { id: 'good', best: true, text: 'The pupil is safe.' },
        { id: 'bad', text: 'Help came late.' },
      ],
    };
    // Both paths reach the best ending. Each reads the stem (4), both prompts with their options
    // (n1: 2 + 3 + 1, n2: 1 + 3 + 1), the chosen consequences and feedback, and the ending (4).
    // Path n1.a, n2.a: 4 + 6 + (3 + 2) + 5 + (2 + 1) + 4 = 27; path n1.b, n2.a: 4 + 6 + (6 + 2) + 5 + (2 + 1) + 4 = 30.
    expect(itemEffort(branching)).toEqual({ words: (27 + 30) / 2, steps: 4, decisions: 2 });
  });

  it('works out a scenario whose paths branch and rejoin without walking every path', () => {
    // 40 decisions of 4 options, every option leading to the next node: 4^40 paths, all alike.
    const nodes = Array.from({ length: 40 }, (_, k) => ({
      id: `n${k}`,
      prompt: 'Then?',
      options: (['a', 'b', 'c', 'd'] as const).map((id) =>
        k < 39 ? { id, text: 'Go.', consequence: 'Ok.', feedback: 'Fine.', next: `n${k + 1}` } : { id, text: 'End.', consequence: 'Ok.', feedback: 'Fine.', ending: 'e' },
      ),
    }));
    const item: Item = { id: 'deep', kind: 'branching', clauses: ['a.b'], stem: 'Start.', start: 'n0', nodes, endings: [{ id: 'e', best: true, text: 'Done.' }] };
    // Stem 1, then per node: prompt 1, four one-word options, consequence 1, feedback 1; ending 1.
    expect(itemEffort(item)).toEqual({ words: 1 + 40 * 7 + 1, steps: 80, decisions: 40 });
  });

  it('costs nothing for an empty pool', () => {
    expect(drawEffort({ count: 12, everySection: true }, [])).toEqual({ words: 0, steps: 0, decisions: 0 });
  });

  it('weighs each section the same when the draw takes one item from every section', () => {
    const item = (id: string, section: string, stem: string): Item => ({
      id,
      kind: 'trueFalse',
      section,
      clauses: [`${section}.x`],
      stem,
      answer: true,
      feedback: { true: 'Right.', false: 'No.' },
    });
    // Words per item: stem + "True False" + "Right." (1).
    const pool = [item('a1', 'alpha', 'one two three four five six seven'), item('b1', 'beta', 'one'), item('b2', 'beta', 'one two three')];
    const words = { a1: 7 + 2 + 1, b1: 1 + 2 + 1, b2: 3 + 2 + 1 };
    const module = { count: 2, everySection: true };
    // One item from each section: a1 for certain, and b1 or b2 half the time each.
    expect(drawEffort(module, pool)).toEqual({ words: words.a1 + (words.b1 + words.b2) / 2, steps: 4, decisions: 2 });
    // A third place is drawn from the whole pool.
    const three = drawEffort({ count: 3, everySection: true }, pool);
    expect(three.words).toBeCloseTo(words.a1 + (words.b1 + words.b2) / 2 + (words.a1 + words.b1 + words.b2) / 3, 10);
    // Without everySection, every item is as likely as any other.
    expect(drawEffort({ count: 2 }, pool).words).toBeCloseTo((2 * (words.a1 + words.b1 + words.b2)) / 3, 10);
  });
});

/** A copy of the valid fixture with `basics.yaml` changed by `edit`. */
function fixtureWith(edit: (basics: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'content-timing-'));
  cpSync(VALID, root, { recursive: true });
  const file = join(root, 'courses', 'staff-mini', 'modules', 'basics.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return root;
}

describe('content:check holds declared minutes to the estimate, and the core paths to 30 minutes', () => {
  it('flags a lesson that says it takes far longer than its content does', () => {
    const root = fixtureWith((s) => s.replace(/^minutes: 1$/m, 'minutes: 9'));
    expect(problems(root)).toEqual([
      'courses/staff-mini/modules/basics.yaml:3:10 minutes: 9 declared, but the content takes about 0.9 (99 words on 4 screens and 0 knowledge checks; 200 words a minute, 5 s a step, 10 s a decision): write 1, or trim it',
    ]);
    // The fixture as it stands: declared 1 and 2, within a minute of the estimate.
    expect(problems(VALID)).toEqual([]);
  });

  it('flags every core role whose path runs over 30 minutes, and not the account runner', () => {
    // About 5,700 more words: some 28.5 more minutes of reading in a lesson every role takes.
    const sentence = 'Check the privacy settings on your own accounts again after each update. ';
    const root = fixtureWith((s) =>
      s.replace(/^minutes: 1$/m, 'minutes: 30').replace('      Check the settings again after each app update.\n', `      ${sentence.repeat(475).trim()}\n`),
    );
    const { report } = analyse(compileContent(root), FIXTURE_OPTIONS);
    const paths = report.staff.timing.roles;
    expect(paths.teaching?.estimate).toBeGreaterThan(30);
    expect(paths['account-runner']).toMatchObject({ maxMinutes: null });
    const over = problems(root).filter((p) => p.includes('by the content estimate'));
    expect(over.map((p) => /role "([a-z-]+)"/.exec(p)?.[1])).toEqual(['teaching', 'support', 'volunteer', 'leader']);
    expect(over[0]).toMatch(/^courses\/staff-mini\/course\.yaml:8:13 role "teaching" takes about 3\d\.\d minutes by the content estimate; the brief's median first completion is 30 minutes or less/);
  });
});
