/**
 * How many attempts one learner may start on one module, over all time. Without a cap a learner,
 * or a hostile renderer, could start and finish attempts without end, each adding rows, up to
 * 4 MB of journal (CMI_LIMITS.attemptBytes) and one more set of drawn items to avoid. 100 is far
 * above honest use: an attempt is one sitting (an unfinished one is resumed, never counted again);
 * a member of staff takes a lesson once a cycle (or looks back at it now and then) and retakes the
 * assessment a handful of times at most; a pupil takes a lesson once or twice a year. It bounds
 * one learner's records on one module to 100 attempts (400 MB of journal at the per-attempt limit).
 */
export const MAX_ATTEMPTS_PER_MODULE = 100;

/** The refusal, or null: `started` is how many attempts this learner has on record for the module. */
export function attemptCountProblem(started: number, moduleId: string): string | null {
  return started >= MAX_ATTEMPTS_PER_MODULE
    ? `moduleId: this learner has started "${moduleId}" ${started} times, the limit for one learner on one module (${MAX_ATTEMPTS_PER_MODULE} attempts); every attempt on record is kept, and one not finished can still be resumed`
    : null;
}
