/**
 * Minutes without a key press or a click after which the renderer signs a learner out (progress
 * saved first). Main ends the session itself a minute later (LEARNER_IDLE_GRACE_MINUTES) if nothing
 * has reached it meanwhile, so the renderer's own save-and-sign-out always arrives in time, and a
 * renderer that never signs out (closed, frozen, tampered with) cannot keep the session open.
 * No zod here: the first screen imports it.
 */
export const LEARNER_IDLE_MINUTES = 15;
export const LEARNER_IDLE_GRACE_MINUTES = 1;
