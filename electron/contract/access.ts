/**
 * Who may call a channel. Every channel of the contract declares one; main's dispatcher checks it
 * once, after the request has parsed and before any handler runs (electron/host/access.ts), so no
 * handler decides by hand who is calling.
 *
 * Whatever the access, a request from anyone but the administrator may name only the signed-in
 * learner's own records: a `learnerId` must be theirs, an `attemptId` and a `requestId` must belong
 * to them (OWNED_IDS). A new channel that takes one of those ids is guarded by that rule at once.
 */
export const ACCESS = {
  /** Anyone, at any time (the start screen, the policy, whether the PC is set up, signing out). */
  public: 'public',
  /** Anyone signs in as a member of staff, once the PC is set up. Signing in locks the admin area. */
  learnerSignIn: 'learner-sign-in',
  /** Anyone but pupils: refused while pupils have the PC (a pupil signed in, or a teacher's pupils between sessions). */
  notDuringPupils: 'not-during-pupils',
  /** The signed-in learner (staff or pupil), on their own records only. Every learner kind is refused before set-up. */
  learner: 'learner',
  /** The signed-in member of staff (class mode), on their own records only. */
  staff: 'staff',
  /** The signed-in pupil (ending their session). */
  pupil: 'pupil',
  /** Starting a pupil's session: a member of staff signed in, or the one supervising between pupils. */
  teacherOfPupils: 'teacher-of-pupils',
  /** Taking the PC back from pupils: only while a member of staff is supervising them (their PIN is checked next). */
  supervisingTeacher: 'supervising-teacher',
  /** The signed-in learner when the request names a learnerId (their own document); otherwise the administrator. */
  learnerOrAdmin: 'learner-or-admin',
  /** Typing the administrator's password: only while no learner is signed in on this PC. */
  adminSignIn: 'admin-sign-in',
  /** The administrator: the PC is set up, the admin area unlocked in main, no learner signed in. */
  admin: 'admin',
  /** The first-run set-up itself: only while the PC is not yet set up. */
  setUpFlow: 'set-up-flow',
} as const;

export type Access = (typeof ACCESS)[keyof typeof ACCESS];
export const ACCESS_KINDS = Object.values(ACCESS) as readonly Access[];

/** Request fields that name one person's records; anyone but the administrator may name only their own. */
export const OWNED_IDS = ['learnerId', 'attemptId', 'requestId'] as const;
export type OwnedId = (typeof OWNED_IDS)[number];
