import type { Bundle, BundleCourse, Module } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import type { AttemptRecord, StaffRecord } from '../plumbing/types';
import { statementId } from './uuid';
import { convertResponse, convertType, durationMs, ELEMENTS, interactionsOf, isoDuration, resultSays } from '@content/scorm';

/**
 * xAPI 1.0.3 statements for one attempt, following ADL's xAPI SCORM Profile: the module is a
 * lesson activity, the attempt its own activity (`<lesson IRI>?attemptId=<id>`) grouped with the
 * course, and every statement carries the profile's category https://w3id.org/xapi/scorm.
 */
export const SCORM_PROFILE = 'https://w3id.org/xapi/scorm';
const VERB = (word: string): { id: string; display: Record<string, string> } => ({
  id: `http://adlnet.gov/expapi/verbs/${word}`,
  display: { 'en-GB': word },
});
const ACTIVITY = (kind: string): string => `http://adlnet.gov/expapi/activities/${kind}`;
const INTERACTION_TYPES = new Set(['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other']);

/** Fixed sequence numbers, so a statement keeps its id when a later export adds more statements. */
export const SEQ = { initialized: 0, completed: 1, judged: 2, terminated: 3, firstResponse: 100 } as const;

export interface XapiContextInput {
  homePage: string;
  username: string;
  learnerName: string;
  course: BundleCourse;
  module: Module;
  platform: string;
}

export interface Statement {
  id: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string; definition: Record<string, unknown> };
  result?: Record<string, unknown>;
  context: Record<string, unknown>;
  timestamp: string;
}

const base = (homePage: string): string => homePage.replace(/\/+$/, '');
export const courseIri = (homePage: string, courseId: string): string => `${base(homePage)}/xapi/courses/${encodeURIComponent(courseId)}`;
export const lessonIri = (homePage: string, courseId: string, moduleId: string): string =>
  `${courseIri(homePage, courseId)}/modules/${encodeURIComponent(moduleId)}`;

function durationOf(a: AttemptRecord): string | null {
  const fromCmi = a.cmi ? durationMs(a.cmi.data[ELEMENTS[a.cmi.version].totalTime]) : null;
  if (fromCmi !== null && fromCmi > 0) return isoDuration(fromCmi);
  if (!a.finishedAt) return null;
  return isoDuration(new Date(a.finishedAt).getTime() - new Date(a.startedAt).getTime());
}

interface Interaction {
  index: number;
  id: string;
  type: string;
  response: string;
  result: string;
  timestamp: string | null;
  correct: string[];
  description: string;
}

/** Item id → kind for a module's items (the course's bank and its own questions), built once per module. */
type KindById = Map<string, BundleCourse['bank'][number]['kind']>;
const kindsByModule = new WeakMap<Module, { course: BundleCourse; kinds: KindById }>();
function itemKinds(course: BundleCourse, module: Module): KindById {
  const known = kindsByModule.get(module);
  if (known?.course === course) return known.kinds;
  const kinds: KindById = new Map([...course.bank, ...(module.questions ?? [])].map((i) => [i.id, i.kind]));
  kindsByModule.set(module, { course, kinds });
  return kinds;
}

/**
 * The attempt's interactions in SCORM 2004 terms, which xAPI's cmi.interaction activities use:
 * a 1.2 record's types and responses are converted as the 2004 player would have written them.
 */
function interactionsIn2004(a: AttemptRecord, c: XapiContextInput): Interaction[] {
  if (!a.cmi) return [];
  const from = a.cmi.version;
  const kinds = itemKinds(c.course, c.module);
  return interactionsOf(a.cmi).map((it) => {
    const cut = it.id.indexOf('__');
    const known = { type: it.type, kind: kinds.get(cut > 0 ? it.id.slice(0, cut) : it.id) ?? null };
    const to2004 = (value: string): string => (from === 'scorm2004' ? value : convertResponse(from, 'scorm2004', known, value));
    return {
      index: it.index,
      id: it.id,
      type: from === 'scorm2004' ? it.type : convertType(from, 'scorm2004', known),
      response: to2004(it.response),
      result: it.result,
      // A 1.2 time has no date: the statement takes the attempt's end instead.
      timestamp: from === 'scorm2004' ? it.answeredAt : null,
      correct: it.correctPatterns.map(to2004),
      description: it.description,
    };
  });
}

const normaliseTimestamp = (iso: string): string => new Date(iso).toISOString();

/** Every statement the attempt supports so far (an attempt in progress has no terminated). */
export function statementsFor(a: AttemptRecord, c: XapiContextInput): Statement[] {
  const lesson = lessonIri(c.homePage, c.course.id, c.module.id);
  const course = courseIri(c.homePage, c.course.id);
  const attemptIri = `${lesson}?attemptId=${encodeURIComponent(a.attemptId)}`;
  const actor: Statement['actor'] = { objectType: 'Agent', name: c.learnerName, account: { homePage: c.homePage, name: c.username } };
  const en = (s: string): Record<string, string> => ({ 'en-GB': s });
  const lessonActivity: Statement['object'] = {
    objectType: 'Activity',
    id: lesson,
    definition: { name: en(c.module.title), type: ACTIVITY('lesson') },
  };
  const grouping = [
    { objectType: 'Activity', id: course, definition: { name: en(c.course.title), type: ACTIVITY('course') } },
    { objectType: 'Activity', id: attemptIri, definition: { name: en(`Attempt of ${c.module.title}`), type: ACTIVITY('attempt') } },
  ];
  const context = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    contextActivities: { ...extra, grouping, category: [{ objectType: 'Activity', id: SCORM_PROFILE, definition: { type: ACTIVITY('profile') } }] },
    platform: c.platform,
    language: 'en-GB',
  });
  const make = (seq: number, verb: string, object: Statement['object'], timestamp: string, result?: Record<string, unknown>, ctx = context()): Statement => ({
    id: statementId(a.attemptId, seq),
    actor,
    verb: VERB(verb),
    object,
    ...(result ? { result } : {}),
    context: ctx,
    timestamp: normaliseTimestamp(timestamp),
  });

  const out: Statement[] = [make(SEQ.initialized, 'initialized', lessonActivity, a.startedAt)];
  const end = a.finishedAt;
  for (const it of interactionsIn2004(a, c)) {
    const definition: Record<string, unknown> = { type: ACTIVITY('cmi.interaction') };
    if (INTERACTION_TYPES.has(it.type)) definition.interactionType = it.type;
    if (it.correct.length) definition.correctResponsesPattern = it.correct;
    if (it.description) definition.description = en(it.description);
    const result: Record<string, unknown> = { response: it.response };
    const success = resultSays(it.result);
    if (success !== null) result.success = success;
    out.push(
      make(
        SEQ.firstResponse + it.index,
        'responded',
        { objectType: 'Activity', id: `${lesson}/interactions/${encodeURIComponent(it.id)}`, definition },
        it.timestamp ?? end ?? a.startedAt,
        result,
        context({ parent: [{ objectType: 'Activity', id: lesson }] }),
      ),
    );
  }
  if (!end) return out;

  const duration = durationOf(a);
  const withDuration = (r: Record<string, unknown>): Record<string, unknown> => (duration ? { ...r, duration } : r);
  if (a.status === 'completed' || a.status === 'passed' || a.status === 'failed') {
    out.push(make(SEQ.completed, 'completed', lessonActivity, end, withDuration({ completion: true })));
  }
  if (a.status === 'passed' || a.status === 'failed') {
    const result: Record<string, unknown> = { success: a.status === 'passed', completion: true };
    if (a.scorePercent !== null) {
      result.score = { scaled: Number((a.scorePercent / 100).toFixed(4)), raw: a.scorePercent, min: 0, max: 100 };
    }
    out.push(make(SEQ.judged, a.status, lessonActivity, end, withDuration(result)));
  }
  out.push(make(SEQ.terminated, 'terminated', lessonActivity, end, duration ? { duration } : undefined));
  return out;
}

/** Which learner field is the LMS username; null when this learner has not got it (or no field is chosen). */
export const usernameOf = (s: StaffRecord, field: 'workEmail' | 'staffId' | null): string | null =>
  field === 'workEmail' ? s.workEmail : field === 'staffId' ? s.staffId : null;

/**
 * Why an attempt has no statements: the Trust's LMS address is not set, its learner lacks the LMS
 * username, or its module is not in this content.
 */
export type NoStatements = 'no-lms-address' | 'no-username' | 'module-not-in-this-content';

/**
 * What every statement names as its platform. Fixed on purpose: a statement's content must stay
 * the same for a given attempt, whichever version of the app builds it, or an LRS that already
 * holds it answers a re-send (after a lost answer, an app update, or an export uploaded as well)
 * with 409 and the attempt is set aside. The app's version therefore never appears in a statement.
 */
export const PLATFORM = 'Social media policy induction (offline app)';

/**
 * The statements of one staff attempt exactly as the xAPI export writes them and the LRS sender
 * sends them (one function, so both carry the same ids and the same content). They depend only
 * on the attempt, its learner, the LMS settings and the module's titles in the content.
 */
export function attemptStatements(
  staff: StaffRecord,
  a: AttemptRecord,
  bundle: Bundle,
  settings: Pick<Settings, 'lms'>,
): Statement[] | NoStatements {
  const homePage = settings.lms.homePage;
  if (!homePage) return 'no-lms-address'; // never a made-up actor address
  const username = usernameOf(staff, settings.lms.usernameField);
  if (!username) return 'no-username';
  const course = bundle.courses.find((c) => c.id === a.courseId);
  const module = course?.modules.find((m) => m.id === a.moduleId);
  if (!course || !module) return 'module-not-in-this-content';
  return statementsFor(a, {
    homePage,
    username,
    learnerName: staff.name,
    course,
    module,
    platform: PLATFORM,
  });
}
