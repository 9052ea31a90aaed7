import type { Phase, LessonContext } from './machine';
import type { LessonStatus } from './scorm/adapter';
import { lessonResult } from './result';

const FINISHED: readonly Phase[] = ['result', 'acknowledge', 'done'];

/**
 * The version-neutral status of a lesson at one state. Completion means the learner has nothing
 * left to do: a lesson at its result; a failed assessment at its result; a passed assessment
 * once the policy version is acknowledged (staff completion is pass + acknowledgement).
 */
export function lessonStatus(phase: Phase, ctx: LessonContext): LessonStatus {
  const finished = FINISHED.includes(phase);
  const steps = ctx.plan.steps.length;
  if (!finished) return { completed: false, passed: null, result: null, progress: steps === 0 ? 0 : Math.min(ctx.index, steps) / steps };
  const result = lessonResult(ctx.plan, ctx.answers);
  const awaitingAck = result.passed === true && ctx.plan.acknowledgement !== null && !ctx.acknowledged;
  return { completed: !awaitingAck, passed: result.passed, result, progress: 1 };
}
