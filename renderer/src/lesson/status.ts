import { FINISHED_TAG, type LessonSnapshot } from './machine';
import type { LessonStatus } from './scorm/adapter';
import { lessonResult } from './result';

/**
 * The version-neutral status of a lesson at one state. Completion means the learner has nothing
 * left to do: a lesson at its result; a failed assessment at its result; a passed assessment
 * once the policy version is acknowledged (staff completion is pass + acknowledgement).
 */
export function lessonStatus(s: Pick<LessonSnapshot, 'context' | 'hasTag'>): LessonStatus {
  const ctx = s.context;
  const steps = ctx.plan.steps.length;
  if (!s.hasTag(FINISHED_TAG)) return { completed: false, passed: null, result: null, progress: steps === 0 ? 0 : Math.min(ctx.index, steps) / steps };
  const result = lessonResult(ctx.plan, ctx.answers);
  const awaitingAck = result.passed === true && ctx.plan.acknowledgement !== null && !ctx.acknowledged;
  return { completed: !awaitingAck, passed: result.passed, result, progress: 1 };
}
