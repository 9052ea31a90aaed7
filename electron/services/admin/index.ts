import { ServiceError } from '../../contract/result';
import type { AdminService } from './service';

export { AdminService, type AdminStatus } from './service';
export { AdminStore } from './store';
export { hashPassword, verifyPassword, passwordProblem, hashProblem, PASSWORD_RULES, SCRYPT } from './password';
export { LOCK_AFTER_FAILURES, lockDurationMs } from './lockout';

/**
 * The guard every admin channel calls first (admin, dashboard, exports): refuses unless the
 * administrator unlocked the area in main and has not been idle too long; counts as activity.
 */
export function requireAdmin(s: { readonly admin: AdminService }): void {
  if (!s.admin.isSetUp()) throw new ServiceError('not-set-up', 'This computer is not set up yet.');
  if (!s.admin.isUnlocked()) {
    throw new ServiceError('forbidden', 'The admin area is locked: sign in with the administrator password.');
  }
  s.admin.touch();
}
