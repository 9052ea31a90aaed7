import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { CodecError, decodeDrawn, decodeState, encodeState } from '@renderer/lesson/codec';
import { currentItem, lessonMachine, type Phase } from '@renderer/lesson/machine';
import { buildPlan, planItems } from '@renderer/lesson/plan';
import { testBundle } from '../helpers/bundle';
import { drawnIds, rightAnswer, staffCourse, wrongAnswer } from './support';

/** SCORM 1.2's cmi.suspend_data limit; scorm-again accepts 64,000, a strict LMS does not. */
const SCORM12_SUSPEND_LIMIT = 4096;

function everyState(courseId: string, moduleId: string, ids: string[], pick: (n: number) => boolean) {
  const course = testBundle().courses.find((c) => c.id === courseId)!;
  const plan = buildPlan(course, moduleId, ids);
  const actor = createActor(lessonMachine, { input: { plan } }).start();
  const drawn = ids.length > 0;
  const seen: { text: string; phase: Phase; index: number; answers: string[]; path: string[] }[] = [];
  let n = 0;
  for (let guard = 0; guard < 500; guard++) {
    const s = actor.getSnapshot();
    const phase = s.value as Phase;
    const text = encodeState(plan, phase, s.context, drawn);
    seen.push({ text, phase, index: s.context.index, answers: s.context.answers.map((a) => a.response), path: s.context.path });
    if (phase === 'done') break;
    const item = currentItem(s.context);
    if (phase === 'question' && item) {
      const response = pick(n++) ? rightAnswer(item) : wrongAnswer(item);
      if (item.kind === 'branching') {
        const pair = response.split(',')[s.context.path.length] ?? '';
        actor.send({ type: 'CHOOSE', option: pair.slice(pair.indexOf('.') + 1), latencyMs: 1000 });
      } else actor.send({ type: 'ANSWER', response, latencyMs: 1000 });
    } else if (phase === 'acknowledge') actor.send({ type: 'ACKNOWLEDGE' });
    else actor.send({ type: 'NEXT' });
  }
  return { plan, seen };
}

describe('the suspend_data codec', () => {
  it('fits SCORM 1.2 and round-trips at every state of every module of the real bundle', () => {
    let largest = { text: '', where: '' };
    let modules = 0;
    for (const course of testBundle().courses) {
      for (const mod of course.modules) {
        const seeds = mod.draw ? ['a', 'b', 'c', 'd', 'e'] : [''];
        for (const seed of seeds) {
          const ids = mod.draw ? drawnIds(course, mod.id, `seed-${seed}`) : [];
          for (const pick of [() => true, () => false, (n: number) => n % 3 !== 0]) {
            const { plan, seen } = everyState(course.id, mod.id, ids, pick);
            for (const state of seen) {
              expect(state.text.length).toBeLessThanOrEqual(SCORM12_SUSPEND_LIMIT);
              if (state.text.length > largest.text.length) largest = { text: state.text, where: `${course.id}/${mod.id}` };
              const back = decodeState(state.text, plan);
              expect(back.phase).toBe(state.phase);
              expect(back.context.index).toBe(state.index);
              expect(back.context.answers.map((a) => a.response)).toEqual(state.answers);
              expect(back.context.path).toEqual(state.path);
              if (ids.length > 0) expect(decodeDrawn(state.text, plan.pool)).toEqual(planItems(plan).map((i) => i.id));
            }
          }
          modules++;
        }
      }
    }
    expect(modules).toBeGreaterThan(20);
    // The figure docs/player.md quotes: the largest state of any real module.
    console.log(`largest suspend_data: ${largest.text.length} characters (${largest.where}): ${largest.text}`);
    expect(largest.text.length).toBeLessThan(200);
  });

  it('refuses damaged or foreign state with a message saying what is wrong', () => {
    const course = staffCourse();
    const plan = buildPlan(course, 'assessment', drawnIds(course, 'assessment', 'x'));
    expect(() => decodeState('2|s0||||0', plan)).toThrow(/version "2"/);
    expect(() => decodeState('1|x0||||0', plan)).toThrow(/phase "x" is unknown/);
    expect(() => decodeState('1|q0|||', plan)).toThrow(CodecError);
    expect(() => decodeState('1|szz||||0', plan)).toThrow(/past the end/);
    expect(() => decodeDrawn('1|s0|zzz|||0', plan.pool)).toThrow(/outside the bank/);
    const first = planItems(plan)[0]!;
    const bad = first.kind === 'trueFalse' ? 'x' : first.kind === 'single' ? 'z' : '99';
    expect(() => decodeState(`1|q1|${'0'}|${bad}||0`, plan)).toThrow(CodecError);
  });

  it("keeps a pupil's second try after the first, and refuses tries a lesson does not give", () => {
    const ks1 = testBundle().courses.find((c) => c.id === 'pupils-ks1')!;
    const mod = ks1.modules[0]!;
    const plan = buildPlan(ks1, mod.id);
    const q1 = planItems(plan)[0]!;
    expect(q1.kind).toBe('single');
    const right = rightAnswer(q1);
    const wrong = wrongAnswer(q1);
    const at = mod.screens.length;
    const text = `1|f${at.toString(36)}||${wrong}-${right}||0`;
    const back = decodeState(text, plan);
    expect(back.context.answers.map((a) => [a.response, a.correct])).toEqual([
      [wrong, false],
      [right, true],
    ]);
    expect(encodeState(plan, 'feedback', back.context, false)).toBe(text);
    // The hint between the tries is a state of its own.
    expect(decodeState(`1|h${at.toString(36)}||${wrong}||0`, plan).phase).toBe('retry');
    expect(() => decodeState(`1|f${at.toString(36)}||${wrong}-${wrong}-${right}||0`, plan)).toThrow(/more tries/);
    expect(() => decodeState(`1|f${at.toString(36)}||${right}-${wrong}||0`, plan)).toThrow(/second try follows a right/);
    // Staff answer once.
    const staff = staffCourse();
    const lesson = staff.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'single'))!;
    const sp = buildPlan(staff, lesson.id);
    const sq = planItems(sp)[0]!;
    expect(() => decodeState(`1|f${lesson.screens.length.toString(36)}||${wrongAnswer(sq)}-${rightAnswer(sq)}||0`, sp)).toThrow(/more tries/);
  });
});
