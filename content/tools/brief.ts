import type { Band } from '../schema/index';
import type { Formula } from './readability';

/** The numbers the content brief (issue 3) holds the courses to, in one place. */
export const STAFF_BANK = { minItems: 36, minBranching: 3, minEscalateShare: 0.3, minFineShare: 0.1 } as const;
export const STAFF_DRAW = { count: 12, passPercent: 80 } as const;

/**
 * The brief's "median first completion 30 minutes or less" for staff, held on the content estimate
 * (content/tools/timing.ts) of the roles most staff take. Staff who run an official account take
 * three more modules in depth, and are few, so their longer path does not move the median.
 */
export const STAFF_PATH = { maxMinutes: 30, coreRoles: ['teaching', 'support', 'volunteer', 'leader'] } as const;
/** A module's declared `minutes` may differ from the content estimate by this much (the larger of the two). */
export const MINUTES_MARGIN = { minutes: 1, share: 0.15 } as const;

export const LESSON_MAX_MINUTES: Record<Band, number> = { ks1: 8, ks2: 12, ks3: 15, ks4: 15 };
export const PUPIL_QUESTIONS = { min: 3, max: 5 } as const;

export interface ReadabilityRule {
  formula: Formula;
  cap: number;
  /** "max": the value must not exceed the cap; "min": it must reach it. */
  op: 'max' | 'min';
}

export type Audience = Band | 'staff';

/** Caps per band; KS2 depends on the lesson's year tag (Y3–4 Spache, Y5–6 Dale–Chall). */
export function readabilityRules(audience: Audience, yearTag?: string): ReadabilityRule[] {
  switch (audience) {
    case 'ks1':
      return [
        { formula: 'spache', cap: 2.0, op: 'max' },
        { formula: 'meanSentenceWords', cap: 8, op: 'max' },
      ];
    case 'ks2':
      return yearTag === 'y5-6' ? [{ formula: 'daleChall', cap: 5.9, op: 'max' }] : [{ formula: 'spache', cap: 3.0, op: 'max' }];
    case 'ks3':
      return [
        { formula: 'fleschKincaid', cap: 6.5, op: 'max' },
        { formula: 'fleschReadingEase', cap: 70, op: 'min' },
      ];
    case 'ks4':
      return [{ formula: 'fleschKincaid', cap: 8, op: 'max' }];
    case 'staff':
      return [{ formula: 'fleschKincaid', cap: 9, op: 'max' }];
  }
}

/**
 * Stems, options, feedback, hints and the like are too short for a formula; they get a longest-
 * sentence rule instead (words). Quoted policy wording is exempt: it is the Trust's text.
 */
export const SENTENCE_CAP: Record<Audience, number> = { ks1: 12, ks2: 18, ks3: 24, ks4: 28, staff: 40 };

/**
 * Every staff path teaches, on a "Who do I tell?" screen, that a child who may be at risk is reported
 * at once, by the out-of-hours route when the DSL is not on site (issue 15 item 2). Each pattern must
 * match the same screen.
 */
export const IMMEDIATE_ROUTE: readonly RegExp[] = [/\b(at once|straight away|immediately)\b/i, /\bout-of-hours\b/i];

/**
 * How feedback names the policy section a rule comes from, e.g. "(Contact)" or "(Staff
 * expectations; Expectations)". content:check holds each named section to the item's clauses, so a
 * rule taught in feedback is one the item cites, and so one its learners' lessons teach.
 */
export const SECTION_CITATIONS: Readonly<Record<string, string>> = {
  introduction: 'Introduction',
  statement: 'Policy statement',
  scope: 'Scope',
  expectations: 'Expectations',
  'staff-personal': 'Staff personal use',
  reputation: 'Reputation',
  contact: 'Contact',
  'pupil-use': 'Pupil use',
  official: 'Official use',
  'staff-expectations': 'Staff expectations',
  'new-accounts': 'New accounts',
  tone: 'Tone',
};
