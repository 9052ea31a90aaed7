import type { ScormVersion } from './version';

// ---------------------------------------------------------------------------------------------
// The two data models' elements with their types and limits, as the standards give them (SCORM
// 1.2 CMI data model; SCORM 2004 4th edition RTE "smallest permitted maximum"), because
// scorm-again is lenient and a stricter LMS is not. The contract checks every cmi with these, the
// player keeps within them and the converters drop what the target version refuses.
// An empty string means "not set" (scorm-again reports unset elements that way).
// ---------------------------------------------------------------------------------------------

/** SCORM 1.2 CMIIdentifier: no spaces, at most 255 characters. */
export const IDENTIFIER_12_RE = /^[A-Za-z0-9._:-]{1,255}$/;

/** SCORM 2004 localized_string (an interaction's description): the smallest permitted maximum. */
export const DESCRIPTION_MAX = 250;

/** Text as one line that fits a 2004 description (longer text ends in an ellipsis). */
export function description(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= DESCRIPTION_MAX ? one : `${one.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/**
 * Limits the store relies on; exported so the player can check before it commits. The standards'
 * own limits are per element; the counts and byte totals below are this app's, set far above what
 * the app's own player ever sends (measured over every module of the shipped content, both
 * versions, by tests/lesson/cmi-limits.test.ts: at most 12 interactions, 117 elements, 6.6 KB in
 * one commit and 96 KB over a whole attempt; no objectives and no comments at all) and far below
 * what would let one learner fill the records: a learner's cmi is kept whole in the journal with
 * every commit, so the bytes per attempt bound what one attempt can add to the data folder.
 */
export const CMI_LIMITS = {
  scorm12: { suspendData: 4096, identifier: 255, interactions: 250, objectives: 100 },
  scorm2004: { suspendData: 64000, identifier: 4000, interactions: 250, objectives: 100 },
  /** Keys in one cmi object: well above 250 interactions × 10 elements, well below abuse. */
  maxKeys: 4000,
  /** Per interaction: its objectives and correct responses (the player writes one pattern). */
  interactionObjectives: 10,
  correctResponses: 10,
  /** Comments (2004): the player writes none; a few are allowed should a later player ask for one. */
  comments: 20,
  /**
   * UTF-8 bytes of element names and values per collection in one commit. The player sends under
   * 6 KB of interactions and nothing else; 20 comments of the standard's 4,000 characters would be
   * 80 KB, so the comments' own bytes bind before their count does.
   */
  collectionBytes: { 'cmi.interactions': 128_000, 'cmi.objectives': 32_000, 'cmi.comments_from_learner': 32_000, 'cmi.comments_from_lms': 32_000 },
  /** UTF-8 bytes of element names and values in one commit (the player: at most 6.6 KB). */
  commitBytes: 256_000,
  /** UTF-8 bytes of every commit of one attempt added up, as the journal keeps them (the player: at most 96 KB). */
  attemptBytes: 4_000_000,
} as const;

type Check = (value: string) => string | null;

const maxLen =
  (n: number): Check =>
  (v) =>
    v.length <= n ? null : `is ${v.length} characters; the limit is ${n}`;
const vocab =
  (...allowed: string[]): Check =>
  (v) =>
    v === '' || allowed.includes(v) ? null : `must be one of: ${allowed.map((a) => `"${a}"`).join(', ')}`;
const DECIMAL_RE = /^-?(\d+(\.\d*)?|\.\d+)$/;
const real =
  (min = -Infinity, max = Infinity): Check =>
  (v) => {
    if (v === '') return null;
    if (!DECIMAL_RE.test(v)) return 'must be a decimal number';
    const n = Number(v);
    return n >= min && n <= max ? null : `must be between ${min} and ${max}`;
  };
const matches =
  (re: RegExp, what: string): Check =>
  (v) =>
    v === '' || re.test(v) ? null : `must be ${what}`;
const either =
  (a: Check, b: Check): Check =>
  (v) =>
    a(v) === null || b(v) === null ? null : `${a(v)}, or ${b(v)}`;

// SCORM 2004 types.
const TIMEINTERVAL_RE = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
const TIME_RE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2})?)?)?)?)?)?(Z|[+-]\d{2}(:\d{2})?)?$/;
const interval = matches(TIMEINTERVAL_RE, 'an ISO 8601 duration such as PT1M30S');
const time2004 = matches(TIME_RE, 'an ISO 8601 time such as 2026-11-27T09:30:00Z');
const longId = (v: string): string | null =>
  v.length > CMI_LIMITS.scorm2004.identifier ? `is longer than ${CMI_LIMITS.scorm2004.identifier} characters` : /\s/.test(v) ? 'must not contain spaces' : null;
// SCORM 1.2 types.
const TIMESPAN_RE = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const CMITIME_RE = /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/;
const timespan = matches(TIMESPAN_RE, 'a CMITimespan such as 0000:01:30.00');
const cmiTime = matches(CMITIME_RE, 'a CMITime such as 09:30:00');
const identifier12 = matches(IDENTIFIER_12_RE, 'a CMIIdentifier (letters, digits, . _ : -, at most 255 characters, no spaces)');
const decimal100 = real(0, 100);

/** `index`: which capture of the element's pattern (1 = the first index) counts the collection. */
type Collection = { index: number; limit: number; what: string };
type Rule = { re: RegExp; check: Check; collections: readonly Collection[] };
/** `(\\d+)` in a pattern is a collection's index; every one is named in `collections`. */
const rule = (pattern: string, check: Check, ...collections: Collection[]): Rule => ({
  re: new RegExp(`^${pattern.replace(/\./g, '\\.')}$`),
  check,
  collections,
});

const I12 = { index: 1, limit: CMI_LIMITS.scorm12.interactions, what: 'interactions' };
const O12 = { index: 1, limit: CMI_LIMITS.scorm12.objectives, what: 'objectives' };
const I04 = { index: 1, limit: CMI_LIMITS.scorm2004.interactions, what: 'interactions' };
const O04 = { index: 1, limit: CMI_LIMITS.scorm2004.objectives, what: 'objectives' };
/** The second index of an interaction's own objectives and correct responses. */
const IO = { index: 2, limit: CMI_LIMITS.interactionObjectives, what: "objectives of an interaction" };
const CR = { index: 2, limit: CMI_LIMITS.correctResponses, what: 'correct responses of an interaction' };
const CL = { index: 1, limit: CMI_LIMITS.comments, what: 'comments from the learner' };
const CM = { index: 1, limit: CMI_LIMITS.comments, what: 'comments from the LMS' };
const LESSON_STATUS = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'];
const TIME_LIMIT_ACTION = ['exit,message', 'exit,no message', 'continue,message', 'continue,no message'];

/** Every element of the SCORM 1.2 CMI data model a SCO may hold, with its type. */
const RULES_12: Rule[] = [
  rule('cmi.core.student_id', identifier12),
  rule('cmi.core.student_name', maxLen(255)),
  rule('cmi.core.lesson_location', maxLen(255)),
  rule('cmi.core.credit', vocab('credit', 'no-credit')),
  rule('cmi.core.lesson_status', vocab(...LESSON_STATUS)),
  rule('cmi.core.entry', vocab('ab-initio', 'resume')),
  rule('cmi.core.score.raw', decimal100),
  rule('cmi.core.score.min', decimal100),
  rule('cmi.core.score.max', decimal100),
  rule('cmi.core.total_time', timespan),
  rule('cmi.core.lesson_mode', vocab('browse', 'normal', 'review')),
  rule('cmi.core.exit', vocab('time-out', 'suspend', 'logout')),
  rule('cmi.core.session_time', timespan),
  rule('cmi.suspend_data', maxLen(CMI_LIMITS.scorm12.suspendData)),
  rule('cmi.launch_data', maxLen(4096)),
  rule('cmi.comments', maxLen(4096)),
  rule('cmi.comments_from_lms', maxLen(4096)),
  rule('cmi.objectives.(\\d+).id', identifier12, O12),
  rule('cmi.objectives.(\\d+).score.raw', decimal100, O12),
  rule('cmi.objectives.(\\d+).score.min', decimal100, O12),
  rule('cmi.objectives.(\\d+).score.max', decimal100, O12),
  rule('cmi.objectives.(\\d+).status', vocab(...LESSON_STATUS), O12),
  rule('cmi.student_data.mastery_score', decimal100),
  rule('cmi.student_data.max_time_allowed', timespan),
  rule('cmi.student_data.time_limit_action', vocab(...TIME_LIMIT_ACTION)),
  rule('cmi.student_preference.audio', real(-1, 100)),
  rule('cmi.student_preference.language', maxLen(255)),
  rule('cmi.student_preference.speed', real(-100, 100)),
  rule('cmi.student_preference.text', real(-1, 1)),
  rule('cmi.interactions.(\\d+).id', identifier12, I12),
  rule('cmi.interactions.(\\d+).objectives.(\\d+).id', identifier12, I12, IO),
  rule('cmi.interactions.(\\d+).time', cmiTime, I12),
  rule('cmi.interactions.(\\d+).type', vocab('true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'), I12),
  rule('cmi.interactions.(\\d+).correct_responses.(\\d+).pattern', maxLen(255), I12, CR),
  rule('cmi.interactions.(\\d+).weighting', real(), I12),
  rule('cmi.interactions.(\\d+).student_response', maxLen(255), I12),
  rule('cmi.interactions.(\\d+).result', either(vocab('correct', 'wrong', 'unanticipated', 'neutral'), real()), I12),
  rule('cmi.interactions.(\\d+).latency', timespan, I12),
];

const SUCCESS = vocab('passed', 'failed', 'unknown');
const COMPLETION = vocab('completed', 'incomplete', 'not attempted', 'unknown');

/** Every element of the SCORM 2004 (4th edition) run-time data model a SCO may hold. */
const RULES_2004: Rule[] = [
  rule('cmi.comments_from_learner.(\\d+).comment', maxLen(4000), CL),
  rule('cmi.comments_from_learner.(\\d+).location', maxLen(250), CL),
  rule('cmi.comments_from_learner.(\\d+).timestamp', time2004, CL),
  rule('cmi.comments_from_lms.(\\d+).comment', maxLen(4000), CM),
  rule('cmi.comments_from_lms.(\\d+).location', maxLen(250), CM),
  rule('cmi.comments_from_lms.(\\d+).timestamp', time2004, CM),
  rule('cmi.completion_status', COMPLETION),
  rule('cmi.completion_threshold', real(0, 1)),
  rule('cmi.credit', vocab('credit', 'no-credit')),
  rule('cmi.entry', vocab('ab-initio', 'resume')),
  rule('cmi.exit', vocab('time-out', 'suspend', 'logout', 'normal')),
  rule('cmi.interactions.(\\d+).id', longId, I04),
  rule('cmi.interactions.(\\d+).type', vocab('true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'), I04),
  rule('cmi.interactions.(\\d+).objectives.(\\d+).id', longId, I04, IO),
  rule('cmi.interactions.(\\d+).timestamp', time2004, I04),
  rule('cmi.interactions.(\\d+).correct_responses.(\\d+).pattern', maxLen(4000), I04, CR),
  rule('cmi.interactions.(\\d+).weighting', real(), I04),
  rule('cmi.interactions.(\\d+).learner_response', maxLen(4000), I04),
  rule('cmi.interactions.(\\d+).result', either(vocab('correct', 'incorrect', 'unanticipated', 'neutral'), real()), I04),
  rule('cmi.interactions.(\\d+).latency', interval, I04),
  rule('cmi.interactions.(\\d+).description', maxLen(DESCRIPTION_MAX), I04),
  rule('cmi.launch_data', maxLen(4000)),
  rule('cmi.learner_id', longId),
  rule('cmi.learner_name', maxLen(250)),
  rule('cmi.learner_preference.audio_level', real(0)),
  rule('cmi.learner_preference.language', maxLen(250)),
  rule('cmi.learner_preference.delivery_speed', real(0)),
  rule('cmi.learner_preference.audio_captioning', vocab('-1', '0', '1')),
  rule('cmi.location', maxLen(1000)),
  rule('cmi.max_time_allowed', interval),
  rule('cmi.mode', vocab('browse', 'normal', 'review')),
  rule('cmi.objectives.(\\d+).id', longId, O04),
  rule('cmi.objectives.(\\d+).score.scaled', real(-1, 1), O04),
  rule('cmi.objectives.(\\d+).score.raw', real(), O04),
  rule('cmi.objectives.(\\d+).score.min', real(), O04),
  rule('cmi.objectives.(\\d+).score.max', real(), O04),
  rule('cmi.objectives.(\\d+).success_status', SUCCESS, O04),
  rule('cmi.objectives.(\\d+).completion_status', COMPLETION, O04),
  rule('cmi.objectives.(\\d+).progress_measure', real(0, 1), O04),
  rule('cmi.objectives.(\\d+).description', maxLen(250), O04),
  rule('cmi.progress_measure', real(0, 1)),
  rule('cmi.scaled_passing_score', real(-1, 1)),
  rule('cmi.score.scaled', real(-1, 1)),
  rule('cmi.score.raw', real()),
  rule('cmi.score.min', real()),
  rule('cmi.score.max', real()),
  rule('cmi.session_time', interval),
  rule('cmi.success_status', SUCCESS),
  rule('cmi.suspend_data', maxLen(CMI_LIMITS.scorm2004.suspendData)),
  rule('cmi.time_limit_action', vocab(...TIME_LIMIT_ACTION)),
  rule('cmi.total_time', interval),
];

export const CMI_RULES: Record<ScormVersion, readonly Rule[]> = { scorm12: RULES_12, scorm2004: RULES_2004 };

/** The problem with one element, or null when it is valid for that SCORM version. */
export function checkCmiElement(version: ScormVersion, key: string, value: string): string | null {
  const known = RULE_BY_KEY[version].get(key);
  if (known) return known.check(value);
  for (const r of CMI_RULES[version]) {
    const m = r.re.exec(key);
    if (!m) continue;
    for (const c of r.collections) {
      const index = m[c.index] ?? '';
      // As SCORM writes an index (no leading zero), so one element has one name.
      if (index.length > 1 && index.startsWith('0')) return `is not an element of the SCORM data model (index ${index} has a leading zero)`;
      const n = Number(index);
      if (n >= c.limit) return `index ${n} is beyond the ${c.limit} ${c.what} this app accepts`;
    }
    if (RULE_BY_KEY[version].size < KEYS_KEPT) RULE_BY_KEY[version].set(key, r);
    return r.check(value);
  }
  return notAnElement(version, key);
}

/**
 * The rule of each element name already found good (its pattern matched, its indexes within the
 * limits): a commit holds about a hundred elements and there are some sixty rules per version, so
 * trying each in turn was most of a commit's validation (issue 19 item 2). Only good names are
 * kept, and at most KEYS_KEPT of them, whatever a caller sends.
 */
const KEYS_KEPT = 4096;
const RULE_BY_KEY: Record<ScormVersion, Map<string, Rule>> = { scorm12: new Map(), scorm2004: new Map() };

function notAnElement(version: ScormVersion, key: string): string {
  const other = version === 'scorm12' ? 'SCORM 2004' : 'SCORM 1.2';
  const known = CMI_RULES[version === 'scorm12' ? 'scorm2004' : 'scorm12'].some((r) => r.re.test(key));
  return known ? `is a ${other} element, not one of ${version === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004'}` : 'is not an element of the SCORM data model';
}
