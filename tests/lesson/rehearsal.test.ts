import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { rehearsalStates } from '@renderer/app/player/rehearsal';
import { currentStep, lessonMachine, type LessonSnapshot } from '@renderer/lesson/machine';
import { buildPlan } from '@renderer/lesson/plan';
import { testBundle } from '../helpers/bundle';

/** What the view draws differently, read from the state as the test sees it. */
const drawn = (s: LessonSnapshot): string => {
  const step = currentStep(s.context);
  return `${String(s.value)}|${step?.kind === 'screen' ? step.screen.kind : step?.kind === 'item' ? step.item.kind : ''}`;
};

const lessons = testBundle().courses.flatMap((c) => c.modules.filter((m) => m.kind === 'lesson').map((m) => ({ course: c, moduleId: m.id })));

describe('the idle rehearsal of a lesson (the player warms each kind of step before the learner meets it)', () => {
  it.each(lessons.map((l) => [`${l.course.id}/${l.moduleId}`, l] as const))('%s: one state of each kind not on screen, in the order met, the learner untouched', (_name, l) => {
    const plan = buildPlan(l.course, l.moduleId);
    const learner = createActor(lessonMachine, { input: { plan } }).start();
    const before = learner.getSnapshot();
    const states = rehearsalStates(before);
    expect(learner.getSnapshot()).toBe(before);
    const kinds = states.map(drawn);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).not.toContain(drawn(before));
    // The learner's own Next leads to the first state rehearsed, whenever it shows a new kind.
    learner.send({ type: 'NEXT' });
    if (drawn(learner.getSnapshot()) !== drawn(before)) expect(states[0]?.context.index).toBe(learner.getSnapshot().context.index);
    // Every kind of screen the lesson has, after the first, is among them.
    const screenKinds = new Set(plan.steps.flatMap((s) => (s.kind === 'screen' ? [`screen|${s.screen.kind}`] : [])));
    screenKinds.delete(drawn(before));
    for (const k of screenKinds) expect(kinds).toContain(k);
    learner.stop();
  });

  it('goes on past a first single-choice or true/false question to its feedback', () => {
    const l = lessons.find((x) => {
      const first = buildPlan(x.course, x.moduleId).steps.find((s) => s.kind === 'item');
      return first?.kind === 'item' && (first.item.kind === 'single' || first.item.kind === 'trueFalse');
    });
    expect(l).toBeDefined();
    const plan = buildPlan(l!.course, l!.moduleId);
    const kinds = rehearsalStates(createActor(lessonMachine, { input: { plan } }).start().getSnapshot()).map((s) => String(s.value));
    expect(kinds).toContain('question');
    expect(kinds.some((k) => k === 'feedback' || k === 'retry')).toBe(true);
  });
});
