import type { ScormVersion } from '@content/scorm';

/**
 * What each SCORM standard allows a SCO to write, stated here from the documents themselves and
 * not from content/scorm (so the app's encoder is checked against the standard, not against
 * itself): SCORM 1.2 RTE section 3.4 (the CMI data model, CMIFeedback formats per interaction
 * type) and SCORM 2004 4th edition RTE section 4 (data model, learner_response and
 * correct_responses formats per type, reserved delimiters [,] [.] [:]).
 */
type Check = (value: string) => string | null;

const oneOf =
  (...words: string[]): Check =>
  (v) =>
    words.includes(v) ? null : `is not one of ${words.map((w) => JSON.stringify(w)).join(', ')}`;
const pattern =
  (re: RegExp, what: string): Check =>
  (v) =>
    re.test(v) ? null : `is not ${what}`;
const atMost =
  (n: number): Check =>
  (v) =>
    v.length <= n ? null : `is ${v.length} characters, more than ${n}`;
const both =
  (...checks: Check[]): Check =>
  (v) =>
    checks.map((c) => c(v)).find((p) => p !== null) ?? null;
const decimalIn =
  (min: number, max: number): Check =>
  (v) =>
    /^-?\d+(\.\d+)?$/.test(v) && Number(v) >= min && Number(v) <= max ? null : `is not a decimal from ${min} to ${max}`;
const decimal: Check = (v) => (/^-?\d+(\.\d+)?$/.test(v) ? null : 'is not a decimal');

// ---- SCORM 1.2 ----
// CMITimespan HHHH:MM:SS.SS (hours 2 to 4 digits, optional hundredths); CMITime HH:MM:SS.SS.
const timespan12 = pattern(/^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/, 'a CMITimespan (HHHH:MM:SS.SS)');
const time12 = pattern(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/, 'a CMITime (HH:MM:SS)');
// CMIIdentifier: no white space or unprintable characters, at most 255.
const identifier12 = pattern(/^[!-~]{1,255}$/, 'a CMIIdentifier (printable, no spaces, at most 255)');
const single12 = '[0-9a-z]';
/** CMIFeedback by interaction type (1.2 RTE 3.4.2.7.x). */
const FEEDBACK_12: Record<string, Check> = {
  'true-false': oneOf('0', '1', 't', 'f'),
  choice: pattern(new RegExp(`^(${single12}(,${single12})*|\\{${single12}(,${single12})*\\})$`), 'single characters 0-9 a-z separated by commas'),
  'fill-in': atMost(255),
  numeric: decimal,
  likert: pattern(new RegExp(`^${single12}?$`), 'one character 0-9 a-z'),
  matching: pattern(new RegExp(`^\\{?${single12}\\.${single12}(,${single12}\\.${single12})*\\}?$`), 'single-character pairs like 1.a,2.c'),
  performance: atMost(255),
  sequencing: pattern(new RegExp(`^${single12}(,${single12})*$`), 'single characters separated by commas'),
};
const STATUS_12 = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'];

// ---- SCORM 2004 ----
// timeinterval (second,10,2): P[yY][mM][dD][T[hH][mM][s[.s]S]], at least one part.
const interval2004 = pattern(/^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/, 'a timeinterval such as PT1M30S');
// time (second,10,0): YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]
const time2004 = pattern(
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2}(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?)?)?)?$/,
  'a time such as 2026-11-27T09:30:00',
);
// short_identifier_type / long_identifier_type: a URI (RFC 3986 characters), no spaces.
const uriChars = "[A-Za-z0-9\\-._~:/?#@!$&'()*+;=%]";
const shortId = `${uriChars}{1,250}`;
const longId = pattern(new RegExp(`^${uriChars}{1,4000}$`), 'a long_identifier_type (URI characters, no spaces)');
const list = (item: string): RegExp => new RegExp(`^${item}(\\[,\\]${item})*$`);
/** learner_response and correct_responses pattern by interaction type (2004 RTE 4.1.6.x). */
const RESPONSE_2004: Record<string, Check> = {
  'true-false': oneOf('true', 'false'),
  choice: (v) => (v === '' || list(shortId).test(v) ? null : 'is not short identifiers separated by [,]'),
  matching: pattern(list(`${shortId}\\[\\.\\]${shortId}`), 'source[.]target pairs separated by [,]'),
  sequencing: pattern(list(shortId), 'short identifiers separated by [,]'),
  performance: pattern(list(`(${shortId})?\\[\\.\\][^\\[\\]]{0,250}`), 'step_name[.]step_answer records separated by [,]'),
  'fill-in': atMost(250 * 10),
  'long-fill-in': atMost(4000),
  likert: pattern(new RegExp(`^${shortId}$`), 'one short identifier'),
  numeric: decimal,
  other: atMost(4000),
};

/** Elements a SCO may write, with what each allows (responses are checked against the interaction's type). */
const WRITABLE: Record<ScormVersion, [RegExp, Check | 'response'][]> = {
  scorm12: [
    [/^cmi\.core\.lesson_location$/, atMost(255)],
    [/^cmi\.core\.lesson_status$/, oneOf(...STATUS_12.filter((s) => s !== 'not attempted'))],
    [/^cmi\.core\.score\.(raw|min|max)$/, (v) => (v === '' ? null : decimalIn(0, 100)(v))],
    [/^cmi\.core\.exit$/, oneOf('time-out', 'suspend', 'logout', '')],
    [/^cmi\.core\.session_time$/, timespan12],
    [/^cmi\.suspend_data$/, atMost(4096)],
    [/^cmi\.comments$/, atMost(4096)],
    [/^cmi\.interactions\.\d+\.id$/, identifier12],
    [/^cmi\.interactions\.\d+\.time$/, time12],
    [/^cmi\.interactions\.\d+\.type$/, oneOf(...Object.keys(FEEDBACK_12))],
    [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, 'response'],
    [/^cmi\.interactions\.\d+\.student_response$/, 'response'],
    [/^cmi\.interactions\.\d+\.result$/, (v) => (['correct', 'wrong', 'unanticipated', 'neutral'].includes(v) || decimal(v) === null ? null : 'is not correct, wrong, unanticipated, neutral or a number')],
    [/^cmi\.interactions\.\d+\.latency$/, timespan12],
    [/^cmi\.interactions\.\d+\.weighting$/, decimal],
  ],
  scorm2004: [
    [/^cmi\.location$/, atMost(1000)],
    [/^cmi\.completion_status$/, oneOf('completed', 'incomplete', 'not attempted', 'unknown')],
    [/^cmi\.success_status$/, oneOf('passed', 'failed', 'unknown')],
    [/^cmi\.progress_measure$/, decimalIn(0, 1)],
    [/^cmi\.score\.scaled$/, decimalIn(-1, 1)],
    [/^cmi\.score\.(raw|min|max)$/, decimal],
    [/^cmi\.exit$/, oneOf('time-out', 'suspend', 'logout', 'normal', '')],
    [/^cmi\.session_time$/, interval2004],
    [/^cmi\.suspend_data$/, atMost(64000)],
    [/^cmi\.interactions\.\d+\.id$/, longId],
    [/^cmi\.interactions\.\d+\.type$/, oneOf(...Object.keys(RESPONSE_2004))],
    [/^cmi\.interactions\.\d+\.timestamp$/, time2004],
    [/^cmi\.interactions\.\d+\.description$/, both(atMost(250), pattern(/^[^\n\r]*$/, 'one line'))],
    [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, 'response'],
    [/^cmi\.interactions\.\d+\.learner_response$/, 'response'],
    [/^cmi\.interactions\.\d+\.result$/, (v) => (['correct', 'incorrect', 'unanticipated', 'neutral'].includes(v) || decimal(v) === null ? null : 'is not correct, incorrect, unanticipated, neutral or a number')],
    [/^cmi\.interactions\.\d+\.latency$/, interval2004],
    [/^cmi\.interactions\.\d+\.weighting$/, decimal],
  ],
};

/** The problem with a response of an interaction type, or null. */
export function responseProblem(version: ScormVersion, type: string, value: string): string | null {
  const check = version === 'scorm12' ? FEEDBACK_12[type] : RESPONSE_2004[type];
  if (!check) return `has no response format: type ${JSON.stringify(type)} is not a ${version} interaction type`;
  return check(value);
}

/**
 * Every problem with a sequence of SetValue calls as the standard reads them: an element the SCO
 * may not write, a value outside its vocabulary or format, a response that does not fit the type
 * set before it.
 */
export function callProblems(version: ScormVersion, calls: readonly (readonly [string, string])[]): string[] {
  const types = new Map<string, string>();
  const problems: string[] = [];
  for (const [element, value] of calls) {
    const rule = WRITABLE[version].find(([re]) => re.test(element));
    const say = (p: string | null): void => {
      if (p) problems.push(`${element} = ${JSON.stringify(value)} ${p}`);
    };
    if (!rule) {
      say('is not an element a SCO may write');
      continue;
    }
    const n = /^cmi\.interactions\.(\d+)\./.exec(element)?.[1];
    if (element.endsWith('.type') && n !== undefined) types.set(n, value);
    if (rule[1] === 'response') {
      const type = n === undefined ? undefined : types.get(n);
      say(type === undefined ? 'comes before the interaction type is set' : responseProblem(version, type, value));
    } else {
      say(rule[1](value));
    }
  }
  return problems;
}
