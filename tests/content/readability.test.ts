import { spache } from 'spache';
import { daleChall } from 'dale-chall';
import { describe, expect, it } from 'vitest';
import { UK_WORDS, countText, readabilityRules, score, sentences } from '@content/tools/index';

// Figures worked out by hand from each formula's published constants, not from the code under test.
describe('readability counting', () => {
  const text = ['The cat sat on the mat. It was happy.'];

  it('counts sentences, words and syllables', () => {
    const c = countText(text);
    expect([c.sentence, c.word, c.syllable]).toEqual([2, 9, 10]);
    expect(c.spacheWords).toEqual(['mat']); // "mat" is not on the Spache list; Dale–Chall has it
    expect(c.daleChallWords).toEqual([]);
  });

  it('feeds the maintained formula packages', () => {
    const c = countText(text);
    // Flesch–Kincaid grade: 0.39 × 9/2 + 11.8 × 10/9 − 15.59 = −0.72
    expect(score('fleschKincaid', c)).toBe(-0.72);
    // Flesch Reading Ease: 206.835 − 1.015 × 9/2 − 84.6 × 10/9 = 108.27
    expect(score('fleschReadingEase', c)).toBe(108.27);
    // Spache: 0.659 + 0.121 × 9/2 + 8.2 × 1/9 = 2.11
    expect(score('spache', c)).toBe(2.11);
    // Dale–Chall: 0.1579 × 0% + 0.0496 × 9/2 = 0.22 (no adjustment below 5% difficult words)
    expect(score('daleChall', c)).toBe(0.22);
    expect(score('meanSentenceWords', c)).toBe(4.5);
  });

  it('reads the UK words as familiar and their American forms as the lists do', () => {
    expect(countText(['My mum likes maths.']).spacheWords).toEqual([]);
    expect(countText(['My mom likes math.']).spacheWords).toEqual(['math', 'mom']);
  });

  it('treats regular forms of listed words as familiar and new words as unfamiliar', () => {
    expect(countText(['The dogs jumped and played.']).spacheWords).toEqual([]);
    expect(countText(['The robot jumped.']).spacheWords).toEqual(['robot']);
  });

  it('treats proper names inside a sentence, numbers and web addresses as familiar', () => {
    expect(countText(['You can phone Childline on 0800 1111 or go to childline.org.uk.']).spacheWords).toEqual(['phone']);
  });

  it('ends a sentence at each list point and paragraph, and not at "e.g."', () => {
    expect(sentences(['Tell a grown-up', 'Block them e.g. on a game', 'One.\n\nTwo. Three!']).map((s) => s.length)).toEqual([3, 6, 1, 1, 1]); // e.g is one word
  });

  it('fills placeholders with the words the app will show', () => {
    expect(sentences(['{trust} and {school} agree.'])).toEqual([['the', 'Trust', 'and', 'our', 'school', 'agree']]);
  });

  it('returns NaN for no text rather than a misleading number', () => {
    expect(score('fleschKincaid', countText([]))).toBeNaN();
  });
});

describe('readability caps from the brief', () => {
  it('picks the formula by band and year tag', () => {
    expect(readabilityRules('ks1')).toEqual([
      { formula: 'spache', cap: 2, op: 'max' },
      { formula: 'meanSentenceWords', cap: 8, op: 'max' },
    ]);
    expect(readabilityRules('ks2', 'y3-4')).toEqual([{ formula: 'spache', cap: 3, op: 'max' }]);
    expect(readabilityRules('ks2', 'y5-6')).toEqual([{ formula: 'daleChall', cap: 5.9, op: 'max' }]);
    expect(readabilityRules('ks3')).toEqual([
      { formula: 'fleschKincaid', cap: 6.5, op: 'max' },
      { formula: 'fleschReadingEase', cap: 70, op: 'min' },
    ]);
    expect(readabilityRules('ks4')).toEqual([{ formula: 'fleschKincaid', cap: 8, op: 'max' }]);
    expect(readabilityRules('staff')).toEqual([{ formula: 'fleschKincaid', cap: 9, op: 'max' }]);
  });
});

describe('the reviewed UK word list', () => {
  it('gives a reason for every word and holds only words the Spache list lacks', () => {
    const spacheList = new Set(spache);
    for (const [word, reason] of Object.entries(UK_WORDS)) {
      expect(reason.length, word).toBeGreaterThan(10);
      expect(word, 'lower case').toBe(word.toLowerCase());
      expect(spacheList.has(word), `${word} is already on the Spache list`).toBe(false);
    }
    expect(Object.keys(UK_WORDS)).toEqual(expect.arrayContaining(['mum', 'maths', 'childline', 'trusted', 'adult']));
    expect(daleChall.length).toBeGreaterThan(2000);
  });
});
