import { ServiceError } from '@contract/result';
import type { AdminService } from './service';

export { AdminService, type AdminStatus } from './service';
export { AdminStore, readAdminRow, type AdminRow } from './store';
export type { AdminEntry, NewAdminEntry, AdminWrite } from './journal-entries';
export { hashPassword, verifyPassword, passwordProblem, hashProblem, PASSWORD_RULES, SCRYPT } from './password';
export { LOCK_AFTER_FAILURES, lockDurationMs } from './lockout';

/** What the guard needs: the admin session, and whether anyone is at the keyboard as a learner. */
export interface AdminGuarded {
  readonly admin: AdminService;
  readonly session: { anyone(): boolean };
}

/** Main's refusal of everything but the set-up flow on a PC not set up: what is wrong and who acts. */
export const NOT_SET_UP = 'This computer is not set up yet: an administrator sets it up first.';

/**
 * A learner at the keyboard never shares the PC with an open admin area: while anyone is signed
 * in as a learner, the admin area locks and stays shut.
 */

export function refuseWhileLearnerSignedIn(s: AdminGuarded): void {
  // A learner, or between pupils the teacher still signed in underneath (SessionService.anyone).
  if (!s.session.anyone()) return;
  s.admin.lock();
  throw new ServiceError('forbidden', 'A learner is signed in on this computer: the admin area is closed until they sign out.');
}

/**
 * The guard every admin channel calls first (admin, dashboard, exports): refuses unless the
 * administrator unlocked the area in main and has not been idle too long; counts as activity.
 */
export function requireAdmin(s: AdminGuarded): void {
  if (!s.admin.isSetUp()) throw new ServiceError('not-set-up', NOT_SET_UP);
  refuseWhileLearnerSignedIn(s);
  if (!s.admin.isUnlocked()) {
    throw new ServiceError('forbidden', 'The admin area is locked: sign in with the administrator password.');
  }
  s.admin.touch();
}
