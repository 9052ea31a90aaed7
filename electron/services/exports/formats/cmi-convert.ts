import type { ItemKind } from '@content/schema';
import {
  checkCmiElement,
  cmiTimeOf,
  cmiTimespan,
  convertResponse,
  convertType,
  identifier12,
  isoDuration,
  parseCmiTimespan,
  parseIsoDuration,
  type Cmi,
  type ScormVersion,
} from '@content/scorm';

/**
 * Converts a stored attempt's cmi (either SCORM version, flattened) into the other version's data
 * model, element by element (STACK-NOTES "the two data models differ: map each explicitly").
 * What the target cannot hold is left out and named in `omitted`, never silently bent.
 */
export interface Converted {
  data: Record<string, string>;
  /** Source elements the target version has no room for, with why. */
  omitted: string[];
}

const INTERACTION_RE = /^cmi\.interactions\.(\d+)\.(.+)$/;
const OBJECTIVE_RE = /^cmi\.objectives\.(\d+)\.(.+)$/;
/** The item kind of an interaction id, when the content knows the item (so its responses convert exactly). */
export type KindOf = (interactionId: string) => ItemKind | null;
const unknownKind: KindOf = () => null;

const round = (n: number, places: number): string => String(Number(n.toFixed(places)));

function to12(src: Record<string, string>, kindOf: KindOf): Converted {
  const out: Record<string, string> = {};
  const omitted: string[] = [];
  const get = (k: string): string => src[k] ?? '';
  const set = (k: string, v: string): void => {
    if (v !== '') out[k] = v;
  };

  set('cmi.core.student_id', get('cmi.learner_id') && identifier12(get('cmi.learner_id')));
  set('cmi.core.student_name', get('cmi.learner_name').slice(0, 255));
  set('cmi.core.credit', get('cmi.credit'));
  set('cmi.core.entry', get('cmi.entry'));
  set('cmi.core.lesson_mode', get('cmi.mode'));
  const exit = get('cmi.exit');
  set('cmi.core.exit', exit === 'normal' ? '' : exit);
  const success = get('cmi.success_status');
  const completion = get('cmi.completion_status');
  const status =
    success === 'passed' || success === 'failed'
      ? success
      : completion === 'completed' || completion === 'incomplete' || completion === 'not attempted'
        ? completion
        : '';
  set('cmi.core.lesson_status', status);
  const scaled = get('cmi.score.scaled');
  if (scaled !== '') {
    // 1.2 scores are 0–100; the scaled score is the one both versions agree on.
    set('cmi.core.score.raw', round(Math.max(0, Number(scaled)) * 100, 2));
    set('cmi.core.score.min', '0');
    set('cmi.core.score.max', '100');
  } else if (get('cmi.score.raw') !== '') {
    const raw = Number(get('cmi.score.raw'));
    if (raw >= 0 && raw <= 100) set('cmi.core.score.raw', get('cmi.score.raw'));
    else omitted.push('cmi.score.raw: outside SCORM 1.2’s 0–100');
  }
  for (const [from, to] of [
    ['cmi.total_time', 'cmi.core.total_time'],
    ['cmi.session_time', 'cmi.core.session_time'],
    ['cmi.max_time_allowed', 'cmi.student_data.max_time_allowed'],
  ] as const) {
    if (!get(from)) continue;
    const ms = parseIsoDuration(get(from));
    if (ms === null) omitted.push(`${from}: not an ISO 8601 duration`);
    else set(to, cmiTimespan(ms));
  }
  set('cmi.student_data.time_limit_action', get('cmi.time_limit_action'));
  if (get('cmi.scaled_passing_score') !== '') {
    set('cmi.student_data.mastery_score', round(Math.max(0, Number(get('cmi.scaled_passing_score'))) * 100, 2));
  }
  const location = get('cmi.location');
  if (location.length > 255) omitted.push('cmi.location: longer than SCORM 1.2’s 255 characters');
  else set('cmi.core.lesson_location', location);
  const suspend = get('cmi.suspend_data');
  if (suspend.length > 4096) omitted.push('cmi.suspend_data: longer than SCORM 1.2’s 4,096 characters');
  else set('cmi.suspend_data', suspend);
  set('cmi.launch_data', get('cmi.launch_data').slice(0, 4096));
  set('cmi.student_preference.language', get('cmi.learner_preference.language').slice(0, 255));
  const comments = Object.keys(src)
    .filter((k) => /^cmi\.comments_from_learner\.\d+\.comment$/.test(k))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
    .map((k) => src[k] ?? '');
  set('cmi.comments', comments.join('\n').slice(0, 4096));

  for (const [key, value] of Object.entries(src)) {
    const i = INTERACTION_RE.exec(key);
    if (i) {
      const n = i[1]!;
      const field = i[2]!;
      const base = `cmi.interactions.${n}`;
      const known = { type: get(`${base}.type`), kind: kindOf(get(`${base}.id`)) };
      if (field === 'id') set(`${base}.id`, identifier12(value));
      else if (field === 'type') set(`${base}.type`, convertType('scorm2004', 'scorm12', known));
      else if (field === 'learner_response') set(`${base}.student_response`, convertResponse('scorm2004', 'scorm12', known, value).slice(0, 255));
      else if (/^correct_responses\.\d+\.pattern$/.test(field)) set(`${base}.${field}`, convertResponse('scorm2004', 'scorm12', known, value).slice(0, 255));
      else if (field === 'result') set(`${base}.result`, value === 'incorrect' ? 'wrong' : value);
      else if (field === 'weighting') set(`${base}.weighting`, value);
      else if (field === 'timestamp') set(`${base}.time`, cmiTimeOf(value) ?? '');
      else if (field === 'latency') {
        const ms = parseIsoDuration(value);
        if (ms !== null) set(`${base}.latency`, cmiTimespan(ms));
      } else if (/^objectives\.\d+\.id$/.test(field)) set(`${base}.${field}`, identifier12(value));
      else if (field !== 'description') omitted.push(`${key}: no SCORM 1.2 element`);
      continue;
    }
    const o = OBJECTIVE_RE.exec(key);
    if (o) {
      const base = `cmi.objectives.${o[1]!}`;
      const field = o[2]!;
      if (field === 'id') set(`${base}.id`, identifier12(value));
      else if (field === 'score.raw' || field === 'score.min' || field === 'score.max') {
        if (Number(value) >= 0 && Number(value) <= 100) set(`${base}.${field}`, value);
      } else if (field === 'success_status' && (value === 'passed' || value === 'failed')) set(`${base}.status`, value);
      else if (field === 'completion_status' && !out[`${base}.status`] && value !== 'unknown') set(`${base}.status`, value);
    }
  }
  return { data: valid('scorm12', out, omitted), omitted };
}

function to2004(src: Record<string, string>, dayOf: string | null, kindOf: KindOf): Converted {
  const out: Record<string, string> = {};
  const omitted: string[] = [];
  const get = (k: string): string => src[k] ?? '';
  const set = (k: string, v: string): void => {
    if (v !== '') out[k] = v;
  };
  set('cmi.learner_id', get('cmi.core.student_id'));
  set('cmi.learner_name', get('cmi.core.student_name').slice(0, 250));
  set('cmi.credit', get('cmi.core.credit'));
  set('cmi.entry', get('cmi.core.entry'));
  set('cmi.mode', get('cmi.core.lesson_mode'));
  set('cmi.exit', get('cmi.core.exit'));
  set('cmi.location', get('cmi.core.lesson_location'));
  set('cmi.suspend_data', get('cmi.suspend_data'));
  set('cmi.launch_data', get('cmi.launch_data'));
  const status = get('cmi.core.lesson_status');
  if (status === 'passed' || status === 'failed') {
    set('cmi.completion_status', 'completed');
    set('cmi.success_status', status);
  } else if (status === 'completed' || status === 'incomplete' || status === 'not attempted') {
    set('cmi.completion_status', status);
  } else if (status === 'browsed') set('cmi.completion_status', 'incomplete');
  const raw = get('cmi.core.score.raw');
  if (raw !== '') {
    const min = Number(get('cmi.core.score.min') || 0);
    const max = Number(get('cmi.core.score.max') || 100);
    set('cmi.score.raw', raw);
    set('cmi.score.min', String(min));
    set('cmi.score.max', String(max));
    if (max > min) set('cmi.score.scaled', round(Math.min(1, Math.max(0, (Number(raw) - min) / (max - min))), 4));
  }
  for (const [from, to] of [
    ['cmi.core.total_time', 'cmi.total_time'],
    ['cmi.core.session_time', 'cmi.session_time'],
    ['cmi.student_data.max_time_allowed', 'cmi.max_time_allowed'],
  ] as const) {
    if (!get(from)) continue;
    const ms = parseCmiTimespan(get(from));
    if (ms === null) omitted.push(`${from}: not a CMITimespan`);
    else set(to, isoDuration(ms));
  }
  set('cmi.time_limit_action', get('cmi.student_data.time_limit_action'));
  if (get('cmi.student_data.mastery_score') !== '') set('cmi.scaled_passing_score', round(Number(get('cmi.student_data.mastery_score')) / 100, 4));
  if (get('cmi.comments')) set('cmi.comments_from_learner.0.comment', get('cmi.comments').slice(0, 4000));
  set('cmi.learner_preference.language', get('cmi.student_preference.language'));

  for (const [key, value] of Object.entries(src)) {
    const i = INTERACTION_RE.exec(key);
    if (i) {
      const base = `cmi.interactions.${i[1]!}`;
      const field = i[2]!;
      const known = { type: get(`${base}.type`), kind: kindOf(get(`${base}.id`)) };
      if (field === 'id' || field === 'weighting' || /^objectives\.\d+\.id$/.test(field)) set(`${base}.${field}`, value);
      else if (field === 'type') set(`${base}.type`, convertType('scorm12', 'scorm2004', known));
      else if (field === 'student_response') set(`${base}.learner_response`, convertResponse('scorm12', 'scorm2004', known, value));
      else if (/^correct_responses\.\d+\.pattern$/.test(field)) set(`${base}.${field}`, convertResponse('scorm12', 'scorm2004', known, value));
      else if (field === 'result') set(`${base}.result`, value === 'wrong' ? 'incorrect' : value);
      else if (field === 'time') {
        // CMITime has no date: the attempt's own day supplies it. It is the learner's clock, so no
        // zone is claimed (as the player writes 2004 timestamps).
        if (dayOf) set(`${base}.timestamp`, `${dayOf}T${value.slice(0, 8)}`);
        else omitted.push(`${key}: no date to place the time on`);
      } else if (field === 'latency') {
        const ms = parseCmiTimespan(value);
        if (ms !== null) set(`${base}.latency`, isoDuration(ms));
      } else omitted.push(`${key}: no SCORM 2004 element`);
      continue;
    }
    const o = OBJECTIVE_RE.exec(key);
    if (o) {
      const base = `cmi.objectives.${o[1]!}`;
      const field = o[2]!;
      if (field === 'id' || field.startsWith('score.')) set(`${base}.${field}`, value);
      else if (field === 'status') {
        if (value === 'passed' || value === 'failed') {
          set(`${base}.success_status`, value);
          set(`${base}.completion_status`, 'completed');
        } else if (value === 'completed' || value === 'incomplete' || value === 'not attempted') set(`${base}.completion_status`, value);
        else if (value === 'browsed') set(`${base}.completion_status`, 'incomplete');
      }
    }
  }
  return { data: valid('scorm2004', out, omitted), omitted };
}

/** Drops (and names) anything the target's own rules refuse, so the output always loads. */
function valid(version: ScormVersion, data: Record<string, string>, omitted: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, raw] of Object.entries(data)) {
    // SCORM 2004 allows a time zone only after fractional seconds (RTE 4.1.1.7); scorm-again enforces it.
    const v = version === 'scorm2004' && /timestamp$/.test(k) ? raw.replace(/(T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}(?::\d{2})?)$/, '$1.0$2') : raw;
    const problem = checkCmiElement(version, k, v);
    if (problem) omitted.push(`${k} ${problem}`);
    else out[k] = v;
  }
  return out;
}

/**
 * The attempt's cmi in the requested version. `day` (YYYY-MM-DD) dates SCORM 1.2 interaction
 * times, which carry a time of day only; `kindOf` names the item kind of each interaction the
 * content knows, so its responses convert exactly as the player would write them.
 */
export function convertCmi(cmi: Cmi, target: ScormVersion, day: string | null = null, kindOf: KindOf = unknownKind): Converted {
  if (cmi.version === target) {
    const omitted: string[] = [];
    return { data: valid(target, { ...cmi.data }, omitted), omitted };
  }
  return target === 'scorm12' ? to12(cmi.data, kindOf) : to2004(cmi.data, day, kindOf);
}

type Nested = { [key: string]: string | Nested | Nested[] };

// One collator for every comparison: localeCompare with options builds a new one per call (~25x slower).
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

/**
 * Flattened `cmi.a.b` keys as the nested object scorm-again's `loadFromJSON` walks (collections as
 * arrays). Interactions and objectives keep their indices; gaps cannot occur in a valid record.
 */
export function nestCmi(flat: Record<string, string>): Nested {
  const root: Nested = {};
  // scorm-again checks a response against the interaction's type, so id and type must come first.
  const keys = Object.keys(flat)
    .map((k) => ({ k, rank: k.endsWith('.id') ? 0 : k.endsWith('.type') ? 1 : 2 }))
    .sort((a, b) => a.rank - b.rank || KEY_ORDER.compare(a.k, b.k))
    .map((x) => x.k);
  for (const key of keys) {
    const parts = key.split('.');
    let node: Nested | Nested[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      if (Array.isArray(node)) {
        const idx = Number(part);
        node[idx] ??= {};
        node = node[idx];
        continue;
      }
      if (last) {
        node[part] = flat[key]!;
      } else {
        node[part] ??= nextIsIndex ? [] : {};
        node = node[part] as Nested | Nested[];
      }
    }
  }
  return root;
}
