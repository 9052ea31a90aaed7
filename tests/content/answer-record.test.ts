import { describe, expect, it } from 'vitest';
import {
  AnswerRecord,
  BranchingItem,
  SingleItem,
  SortItem,
  TrueFalseItem,
  deriveAnswerKey,
  encodeResponse,
  interactionId,
  parseInteractionId,
  parseResponse,
  scoreRecord,
  scoreResponse,
  sortResponse,
  type Response,
} from '@content/schema/index';

const single = SingleItem.parse({
  id: 'photo-consent-1',
  kind: 'single',
  section: 'reputation',
  clauses: ['reputation.photo-consent', 'reputation.respect-refusal'],
  stem: 'A parent asks you not to post their child.',
  options: [
    { id: 'a', text: 'Post it blurred.', feedback: 'No.' },
    { id: 'b', text: 'Leave the child out.', correct: true, feedback: 'Yes.' },
    { id: 'c', text: 'Ask the child.', feedback: 'No.' },
  ],
});
const trueFalse = TrueFalseItem.parse({
  id: 'tf-1',
  kind: 'trueFalse',
  clauses: ['contact.report-pupil-messages'],
  stem: 'Report it?',
  answer: true,
  feedback: { true: 'Right.', false: 'Report it.' },
});
const sort = SortItem.parse({
  id: 'sort-1',
  kind: 'sort',
  clauses: ['official.second-reader'],
  stem: 'Sort these.',
  groups: [
    { id: 'g1', label: 'Ask first' },
    { id: 'g2', label: 'Your choice' },
  ],
  cards: [
    { id: 'c1', text: 'School post', group: 'g1', feedback: 'Ask.' },
    { id: 'c2', text: 'Own post', group: 'g2', feedback: 'Yours.' },
  ],
});
const branching = BranchingItem.parse({
  id: 'branch-1',
  kind: 'branching',
  clauses: ['contact.no-personal-accounts', 'contact.report-pupil-messages'],
  stem: 'A friend request.',
  start: 'n1',
  nodes: [
    {
      id: 'n1',
      prompt: 'First?',
      options: [
        { id: 'a', text: 'Tell the DSL', consequence: 'Logged.', feedback: 'Good.', next: 'n2' },
        { id: 'b', text: 'Accept', consequence: 'Messages.', feedback: 'No.', next: 'n3' },
      ],
    },
    {
      id: 'n2',
      prompt: 'Then?',
      options: [
        { id: 'a', text: 'Decline', consequence: 'Done.', feedback: 'Good.', ending: 'safe' },
        { id: 'b', text: 'Ignore', consequence: 'Again.', feedback: 'Hmm.', ending: 'unclear' },
      ],
    },
    {
      id: 'n3',
      prompt: 'Now?',
      options: [
        { id: 'a', text: 'Unfriend and report', consequence: 'Recovered.', feedback: 'Late.', ending: 'unclear' },
        { id: 'c', text: 'Chat', consequence: 'Risk.', feedback: 'No.', ending: 'harm' },
      ],
    },
  ],
  endings: [
    { id: 'safe', text: 'Handled.', best: true },
    { id: 'unclear', text: 'Partly.' },
    { id: 'harm', text: 'Harm.' },
  ],
});

describe('interaction ids', () => {
  it('join the item id and clause ids and parse back', () => {
    const id = interactionId(single);
    expect(id).toBe('photo-consent-1__reputation.photo-consent_reputation.respect-refusal');
    expect(parseInteractionId(id)).toEqual({ itemId: 'photo-consent-1', clauseIds: ['reputation.photo-consent', 'reputation.respect-refusal'] });
    expect(interactionId({ itemId: 'tf-1', clauseIds: ['contact.report-pupil-messages'] })).toBe('tf-1__contact.report-pupil-messages');
  });

  it('refuse ids that SCORM would reject', () => {
    expect(() => interactionId({ id: 'x', clauses: Array.from({ length: 20 }, () => 'staff-expectations.no-private-messaging') })).toThrow(/at most 255/);
    expect(() => parseInteractionId('no-separator')).toThrow(/not an interaction id/);
    expect(() => parseInteractionId('Item__scope.all-staff')).toThrow(/not an interaction id/);
    expect(() => parseInteractionId('item__not-a-clause')).toThrow(/bad item or clause id/);
  });
});

describe('responses round-trip through the neutral text encoding', () => {
  const cases: [string, Response][] = [
    ['b', { kind: 'single', option: 'b' }],
    ['false', { kind: 'trueFalse', value: false }],
    ['c1.g2,c2.g1', { kind: 'sort', placements: [{ card: 'c1', group: 'g2' }, { card: 'c2', group: 'g1' }] }],
    ['n1.a,n2.c', { kind: 'branching', choices: [{ node: 'n1', option: 'a' }, { node: 'n2', option: 'c' }] }],
  ];
  for (const [text, response] of cases) {
    it(response.kind, () => {
      expect(parseResponse(response.kind, text)).toEqual(response);
      expect(encodeResponse(response)).toBe(text);
    });
  }

  it('orders sort placements by card, whatever order they were made in', () => {
    expect(encodeResponse(sortResponse(sort, { c2: 'g2', c1: 'g1' }))).toBe('c1.g1,c2.g2');
  });

  it('says what is wrong with malformed text', () => {
    expect(() => parseResponse('single', 'z')).toThrow('single response "z" is not an option id a-f');
    expect(() => parseResponse('trueFalse', 'yes')).toThrow('trueFalse response "yes" is not true or false');
    expect(() => parseResponse('sort', 'c1:g1')).toThrow('sort response part "c1:g1" is not <id>.<id>');
    expect(() => parseResponse('branching', 'n1.a,,n2.b')).toThrow('branching response part "" is not <id>.<id>');
  });
});

describe('scoring against the derived answer key', () => {
  it('single: only the correct option', () => {
    const key = deriveAnswerKey(single, 'staff-induction');
    expect(key).toEqual({
      itemId: 'photo-consent-1',
      courseId: 'staff-induction',
      clauseIds: ['reputation.photo-consent', 'reputation.respect-refusal'],
      section: 'reputation',
      kind: 'single',
      correct: 'b',
    });
    expect(['a', 'b', 'c', 'd', '', 'bb'].map((r) => scoreResponse(key, r))).toEqual([false, true, false, false, false, false]);
  });

  it('trueFalse: the section comes from the first clause when not given', () => {
    const key = deriveAnswerKey(trueFalse);
    expect(key.section).toBe('contact');
    expect(scoreResponse(key, 'true')).toBe(true);
    expect(scoreResponse(key, 'false')).toBe(false);
    expect(scoreResponse(key, { kind: 'trueFalse', value: true })).toBe(true);
  });

  it('sort: every card in its group, each once', () => {
    const key = deriveAnswerKey(sort);
    expect(key).toMatchObject({ kind: 'sort', correct: { c1: 'g1', c2: 'g2' } });
    expect(scoreResponse(key, 'c1.g1,c2.g2')).toBe(true);
    expect(scoreResponse(key, 'c2.g2,c1.g1')).toBe(true);
    expect(scoreResponse(key, 'c1.g1,c2.g1')).toBe(false);
    expect(scoreResponse(key, 'c1.g1')).toBe(false);
    expect(scoreResponse(key, 'c1.g1,c2.g2,c1.g1')).toBe(false);
  });

  it('branching: right only when a real path ends in a best ending', () => {
    const key = deriveAnswerKey(branching);
    expect(key).toMatchObject({ kind: 'branching', correct: ['safe'], start: 'n1' });
    expect(scoreResponse(key, 'n1.a,n2.a')).toBe(true);
    expect(scoreResponse(key, 'n1.a,n2.b')).toBe(false);
    expect(scoreResponse(key, 'n1.b,n3.a')).toBe(false);
    expect(scoreResponse(key, 'n2.a')).toBe(false); // does not start at the start
    expect(scoreResponse(key, 'n1.b,n2.a')).toBe(false); // n1.b leads to n3, not n2
    expect(scoreResponse(key, 'n1.a')).toBe(false); // stops before an ending
    expect(scoreResponse(key, 'n1.a,n2.a,n3.a')).toBe(false); // goes on after the ending
  });

  it('a response of another kind is wrong, never a crash', () => {
    expect(scoreResponse(deriveAnswerKey(single), { kind: 'trueFalse', value: true })).toBe(false);
    expect(scoreResponse(deriveAnswerKey(sort), 'not,valid')).toBe(false);
  });

  it('re-scores a whole neutral record and rejects one for another item', () => {
    const key = deriveAnswerKey(branching);
    const record = AnswerRecord.parse({ itemId: 'branch-1', clauseIds: branching.clauses, kind: 'branching', response: 'n1.a,n2.a', latencyMs: 5200 });
    expect(scoreRecord(key, record)).toBe(true);
    expect(scoreRecord(key, { ...record, itemId: 'sort-1' })).toBe(false);
    expect(AnswerRecord.safeParse({ ...record, latencyMs: -1 }).success).toBe(false);
  });
});
