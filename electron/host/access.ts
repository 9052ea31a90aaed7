import { OWNED_IDS, ServiceError, type Access, type OwnedId } from '../contract';
import { NOT_SET_UP, refuseWhileLearnerSignedIn, requireAdmin, type AdminGuarded } from '../services/admin';
import type { SessionService, SignedIn } from '../services/records';

/** What the access check reads: the admin area and learner session in main, and who owns a record. */
export interface AccessState extends AdminGuarded {
  readonly session: Pick<SessionService, 'get' | 'anyone' | 'supervisor' | 'require' | 'requireStaff' | 'touch'>;
  /** The learner an attempt or a new-account request belongs to; null when there is none. */
  readonly ownerOf: { readonly [K in Exclude<OwnedId, 'learnerId'>]: (id: string) => string | null };
}

/** Who the check admitted: the signed-in learner, if any (for access 'staff', always a member of staff). */
export interface Caller {
  readonly learner: SignedIn | null;
}

/**
 * Checks a parsed request against its channel's declared access; throws the ServiceError the caller
 * sees, or hands the dispatcher the caller it admitted (so a handler never checks the session again).
 */
export type AccessCheck = (access: Access, request: unknown) => Caller;

const OWNED_WHAT: Record<Exclude<OwnedId, 'learnerId'>, string> = { attemptId: 'attempt', requestId: 'new-account request' };

/** The ids a request names that belong to one person's records (contract OWNED_IDS). */
function namedIds(request: unknown): Partial<Record<OwnedId, string>> {
  const found: Partial<Record<OwnedId, string>> = {};
  if (typeof request !== 'object' || request === null) return found;
  for (const key of OWNED_IDS) {
    const value = (request as Record<string, unknown>)[key];
    if (typeof value === 'string') found[key] = value;
  }
  return found;
}

/**
 * Everyone but the administrator names only the signed-in learner's own records: the learnerId
 * must be theirs, and the attempt or request must exist and belong to them.
 */
function requireOwnRecords(state: AccessState, ids: Partial<Record<OwnedId, string>>): void {
  if (Object.keys(ids).length === 0) return;
  // Someone's records on a PC not set up: there is no one whose they could be yet (a yes is
  // remembered by AdminService.isSetUp, so asking again in the same call costs nothing).
  requireSetUp(state);
  const who = state.session.require(ids.learnerId);
  for (const key of ['attemptId', 'requestId'] as const) {
    const id = ids[key];
    if (id === undefined) continue;
    const owner = state.ownerOf[key](id);
    if (owner === null) throw new ServiceError('not-found', `${key}: no ${OWNED_WHAT[key]} ${id} on record`);
    if (owner !== who.learnerId) throw new ServiceError('forbidden', `${key}: that ${OWNED_WHAT[key]} belongs to someone else; only its owner can use it.`);
  }
}

/** Pupils have the PC: a pupil's session, or a teacher's pupils between sessions (only a pupil session sets a supervisor). */
const pupilsAtTheKeyboard = (state: AccessState): boolean => state.session.get()?.kind === 'pupil' || state.session.supervisor() !== null;

/**
 * The one place that decides who may call what (the contract's access declarations): a learner
 * session that expired after idle time in main is refused in `session.require`, and every learner
 * channel is refused before the PC is set up (requireSetUp).
 */
export function createAccessCheck(state: AccessState): AccessCheck {
  const check = decide(state);
  return (access, request) => {
    check(access, request);
    // A learner's own call, admitted: their session's idle time starts again (SessionService). The
    // administrator's form of a learner-or-admin channel is admitted only with nobody signed in as a
    // learner, so there is no session for it to extend.
    if (LEARNERS_OWN.has(access)) state.session.touch();
    return { learner: state.session.get() };
  };
}

/** Channels only someone at the keyboard as a learner (or a teacher supervising pupils) calls. */
const LEARNERS_OWN: ReadonlySet<Access> = new Set<Access>(['learner', 'staff', 'pupil', 'teacher-of-pupils', 'supervising-teacher', 'learner-or-admin']);

/**
 * Learners use a PC only once it is set up: before that there is no Trust, school or administrator
 * to answer to, and the set-up screen is all the renderer shows (issue 11 item 4).
 */
function requireSetUp(state: AccessState): void {
  if (!state.admin.isSetUp()) throw new ServiceError('not-set-up', NOT_SET_UP);
}

/** Signing in, and every channel a learner (or a teacher supervising pupils) calls. */
const NEEDS_SET_UP: ReadonlySet<Access> = new Set<Access>(['learner-sign-in', ...LEARNERS_OWN]);

function decide(state: AccessState): (access: Access, request: unknown) => void {
  return (access, request) => {
    const ids = namedIds(request);
    if (NEEDS_SET_UP.has(access)) requireSetUp(state);
    switch (access) {
      case 'public':
      case 'learner-sign-in':
        return requireOwnRecords(state, ids);
      case 'not-during-pupils':
        if (pupilsAtTheKeyboard(state)) throw new ServiceError('forbidden', 'This is not shown while pupils have this computer.');
        return requireOwnRecords(state, ids);
      case 'learner':
        state.session.require();
        return requireOwnRecords(state, ids);
      case 'staff':
        state.session.requireStaff();
        return requireOwnRecords(state, ids);
      case 'pupil':
        if (state.session.require().kind !== 'pupil') throw new ServiceError('forbidden', 'No pupil session is running.');
        return requireOwnRecords(state, ids);
      case 'teacher-of-pupils':
        if (state.session.get()?.kind !== 'staff' && state.session.supervisor() === null) {
          throw new ServiceError('forbidden', 'A member of staff signs in first, then starts the pupil session.');
        }
        return requireOwnRecords(state, ids);
      case 'supervising-teacher':
        if (state.session.supervisor() === null) throw new ServiceError('forbidden', 'No teacher is waiting to take this computer back: sign in.');
        return requireOwnRecords(state, ids);
      case 'learner-or-admin':
        // With a learner named, requireOwnRecords requires that learner's session.
        if (ids.learnerId === undefined) return requireAdmin(state);
        return requireOwnRecords(state, ids);
      case 'admin-sign-in':
        return refuseWhileLearnerSignedIn(state);
      case 'admin':
        return requireAdmin(state);
      case 'set-up-flow':
        if (state.admin.isSetUp()) throw new ServiceError('conflict', 'This computer is already set up; sign in to the admin area to change settings.');
        return;
      default: {
        const unknown: never = access;
        throw new ServiceError('internal', `no access rule "${String(unknown)}"`);
      }
    }
  };
}
