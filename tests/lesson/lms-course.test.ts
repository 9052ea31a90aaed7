import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { BundleCourse } from '@content/schema';
import { CodecError, encodeState } from '@renderer/lesson/codec';
import { decodeCourse, encodeCourse, type ModuleSave } from '@renderer/lesson/lms/course-codec';
import { courseStatus, isDowngrade, type ModuleRecord } from '@renderer/lesson/lms/records';
import { currentItem, lessonMachine, type Phase } from '@renderer/lesson/machine';
import { buildPlan } from '@renderer/lesson/plan';
import { testBundle } from '../helpers/bundle';
import { drawnIds, staffCourse, wrongAnswer } from './support';

/** The longest lesson codec state a module reaches, answering wrong (the longest sort answers). */
function longestState(course: BundleCourse, moduleId: string): string {
  const mod = course.modules.find((m) => m.id === moduleId)!;
  const plan = buildPlan(course, moduleId, mod.draw ? drawnIds(course, moduleId, 'longest') : []);
  const actor = createActor(lessonMachine, { input: { plan } }).start();
  let longest = '';
  for (let guard = 0; guard < 500; guard++) {
    const s = actor.getSnapshot();
    const phase = s.value as Phase;
    const text = encodeState(plan, phase, s.context, mod.draw !== undefined);
    if (text.length > longest.length) longest = text;
    if (phase === 'done') break;
    const item = currentItem(s.context);
    if (phase === 'question' && item) {
      const response = wrongAnswer(item);
      if (item.kind === 'branching') {
        const pair = response.split(',')[s.context.path.length] ?? '';
        actor.send({ type: 'CHOOSE', option: pair.slice(pair.indexOf('.') + 1), latencyMs: 1 });
      } else actor.send({ type: 'ANSWER', response, latencyMs: 1 });
    } else if (phase === 'acknowledge') actor.send({ type: 'ACKNOWLEDGE' });
    else actor.send({ type: 'NEXT' });
  }
  return longest;
}

describe('the course SCO’s suspend_data', () => {
  it('holds every module of every real course at its longest, with a record each, inside SCORM 1.2’s 4,096 characters', () => {
    for (const course of testBundle().courses) {
      const modules = new Map<number, ModuleSave>();
      course.modules.forEach((m, i) => modules.set(i, { record: { kind: 'failed', percent: 100 }, state: longestState(course, m.id) }));
      const text = encodeCourse({ nextInteraction: 250, open: course.modules.length - 1, modules });
      expect(text.length, course.id).toBeLessThanOrEqual(4096);
      const back = decodeCourse(text, course.modules.length);
      expect(back.nextInteraction).toBe(250);
      expect(back.open).toBe(course.modules.length - 1);
      expect([...back.modules.values()]).toEqual([...modules.values()]);
    }
  });

  it('round-trips each record kind and refuses what it did not write, saying what', () => {
    const modules = new Map<number, ModuleSave>([
      [0, { record: { kind: 'completed' }, state: '' }],
      [2, { record: { kind: 'awaiting-ack', percent: 92 }, state: '1|a16|1.2|a.b||0' }],
      [3, { record: null, state: '1|s1||||0' }],
    ]);
    const text = encodeCourse({ nextInteraction: 37, open: null, modules });
    expect(text).toBe('C1;11;;0,c,;2,a92,1|a16|1.2|a.b||0;3,,1|s1||||0');
    expect(decodeCourse(text, 4).modules).toEqual(modules);
    expect(() => decodeCourse(text, 3)).toThrow('saved module 3 is not in this package of 3');
    expect(() => decodeCourse('1|s1||||0', 4)).toThrow(CodecError);
    expect(() => decodeCourse('C1;11;;0,x50,', 4)).toThrow('saved module record "x50"');
    expect(() => decodeCourse('C1;11;;0,p101,', 4)).toThrow('saved module record "p101"');
    expect(() => decodeCourse('C1;1 1;', 4)).toThrow('interaction counter "1 1"');
    expect(() => decodeCourse('C1;1;;0,c,,extra', 4)).toThrow('more than three fields');
    expect(() => encodeCourse({ nextInteraction: 0, open: null, modules: new Map([[0, { record: null, state: 'a;b' }]]) })).toThrow(CodecError);
  });
});

describe('the course’s status from its modules', () => {
  const staff = staffCourse().modules.filter((m) => m.kind !== 'refresher');
  const records = (entries: [string, ModuleRecord][]) => new Map(entries);

  it('staff: complete once the assessment is passed and acknowledged (the lessons prepare for it), or failed', () => {
    expect(courseStatus(staff, records([['introduction-scope', { kind: 'completed' }]]))).toEqual({ completed: false, passed: null, percent: null, progress: 0.1 });
    expect(courseStatus(staff, records([['assessment', { kind: 'awaiting-ack', percent: 92 }]]))).toEqual({ completed: false, passed: true, percent: 92, progress: 0 });
    expect(courseStatus(staff, records([['assessment', { kind: 'passed', percent: 92 }]]))).toEqual({ completed: true, passed: true, percent: 92, progress: 1 });
    expect(courseStatus(staff, records([['assessment', { kind: 'failed', percent: 50 }]]))).toEqual({ completed: true, passed: false, percent: 50, progress: 1 });
  });

  it('pupils: complete when every lesson is; never passed or failed, no score', () => {
    const ks3 = testBundle().courses.find((c) => c.id === 'pupils-ks3')!.modules;
    const all = records(ks3.map((m) => [m.id, { kind: 'completed' }]));
    expect(courseStatus(ks3, all)).toEqual({ completed: true, passed: null, percent: null, progress: 1 });
    all.delete(ks3[0]!.id);
    expect(courseStatus(ks3, all)).toMatchObject({ completed: false, passed: null, percent: null });
  });

  it('a status the LMS holds is never written lower', () => {
    expect(isDowngrade('passed', 'failed')).toBe(true);
    expect(isDowngrade('passed', 'incomplete')).toBe(true);
    expect(isDowngrade('completed', 'incomplete')).toBe(true);
    expect(isDowngrade('failed', 'incomplete')).toBe(true);
    expect(isDowngrade('failed', 'passed')).toBe(false);
    expect(isDowngrade('not attempted', 'incomplete')).toBe(false);
    expect(isDowngrade('unknown', 'failed')).toBe(false);
  });
});
