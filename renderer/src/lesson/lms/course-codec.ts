import { CodecError } from '../codec';
import type { ModuleRecord } from './records';

/**
 * suspend_data of the course SCO: every module's record and saved place in one short string (the
 * module states are the lesson codec's own, docs/player.md). SCORM 1.2 allows 4,096 characters;
 * tests/lesson/lms-course.test.ts checks the largest real course stays well inside it.
 *
 *   C1;<next interaction index, base 36>;<open module's index, base 36, or empty>;<module>;<module>…
 *   module = <index in the package, base 36>,<record>,<lesson codec state or empty>
 *   record = '' | c | p<percent> | a<percent> (passed, awaiting the acknowledgement) | f<percent>
 *
 * The interaction counter is kept here as well as read from the LMS (`_count`): an LMS that does
 * not hand back earlier interactions must not get index 0 written again over an earlier answer.
 */
export const COURSE_CODEC = 'C1';

export interface ModuleSave {
  record: ModuleRecord | null;
  /** The lesson codec's state of the module's current try ('' when there is none). */
  state: string;
}

export interface CourseSave {
  nextInteraction: number;
  /** The module on screen when this was saved (its index in the package), or null for the menu. */
  open: number | null;
  modules: Map<number, ModuleSave>;
}

const LETTER = { completed: 'c', passed: 'p', 'awaiting-ack': 'a', failed: 'f' } as const;

function encodeRecord(r: ModuleRecord | null): string {
  if (!r) return '';
  return r.kind === 'completed' ? 'c' : `${LETTER[r.kind]}${r.percent}`;
}

function decodeRecord(text: string): ModuleRecord | null {
  if (text === '') return null;
  if (text === 'c') return { kind: 'completed' };
  const m = /^([paf])(\d{1,3})$/.exec(text);
  const percent = m ? Number(m[2]) : NaN;
  if (!m || percent > 100) throw new CodecError(`saved module record "${text}" is not c, p, a or f with a percentage`);
  return { kind: m[1] === 'p' ? 'passed' : m[1] === 'a' ? 'awaiting-ack' : 'failed', percent };
}

export const isCourseSave = (text: string): boolean => text.startsWith(`${COURSE_CODEC};`);

export function encodeCourse(save: CourseSave): string {
  const modules = [...save.modules.entries()]
    .filter(([, m]) => m.record !== null || m.state !== '')
    .sort(([a], [b]) => a - b)
    .map(([i, m]) => {
      if (/[;,]/.test(m.state)) throw new CodecError(`module state "${m.state}" holds a separator of the course codec`);
      return `${i.toString(36)},${encodeRecord(m.record)},${m.state}`;
    });
  return [COURSE_CODEC, save.nextInteraction.toString(36), save.open === null ? '' : save.open.toString(36), ...modules].join(';');
}

const int36 = (text: string, what: string): number => {
  if (!/^[0-9a-z]{1,6}$/.test(text)) throw new CodecError(`${what} "${text}" is not a base-36 number`);
  return parseInt(text, 36);
};

/** Reads a saved course; `moduleCount` bounds the module indices (a package of other modules is refused). */
export function decodeCourse(text: string, moduleCount: number): CourseSave {
  const [codec, next = '', open = '', ...parts] = text.split(';');
  if (codec !== COURSE_CODEC) throw new CodecError(`saved course state is "${codec}", this player reads "${COURSE_CODEC}"`);
  const modules = new Map<number, ModuleSave>();
  for (const part of parts) {
    const [index = '', record = '', state = '', extra] = part.split(',');
    if (extra !== undefined) throw new CodecError(`saved module "${part}" has more than three fields`);
    const i = int36(index, 'module index');
    if (i >= moduleCount) throw new CodecError(`saved module ${i} is not in this package of ${moduleCount}`);
    modules.set(i, { record: decodeRecord(record), state });
  }
  const openIndex = open === '' ? null : int36(open, 'open module');
  return { nextInteraction: int36(next, 'interaction counter'), open: openIndex !== null && openIndex < moduleCount ? openIndex : null, modules };
}
