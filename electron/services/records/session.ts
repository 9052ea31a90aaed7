import { ServiceError } from '@contract/result';
import { LEARNER_IDLE_GRACE_MINUTES, LEARNER_IDLE_MINUTES } from '@contract/idle';

export interface SignedIn {
  learnerId: string;
  kind: 'staff' | 'pupil';
}

/**
 * Who is signed in on this PC, remembered in main only. Channels that name a learner refuse any
 * other learner, so a renderer cannot read or write someone else's records by changing an id.
 *
 * A member of staff who starts pupil sessions stays signed in underneath them (the supervisor):
 * between pupils nobody is the learner, the next pupil can be started without signing in again,
 * and the teacher takes the PC back with their PIN. Their own channels refuse meanwhile.
 *
 * A session ends in main after the idle time without a learner's call (`touch`): the renderer's
 * timer is a courtesy, this one is the rule (issue 11 item 4).
 */
export class SessionService {
  private current: SignedIn | null = null;
  private supervising: string | null = null;
  private lastActiveMs = 0;

  /**
   * `onSignIn` runs whenever a learner signs in: the composition root locks the admin area with it.
   * `clock` is the app's; `idleMs` how long a session lasts without a learner's call.
   */
  constructor(
    private readonly onSignIn: () => void = () => {},
    private readonly clock: () => Date = () => new Date(),
    private readonly idleMs: number = (LEARNER_IDLE_MINUTES + LEARNER_IDLE_GRACE_MINUTES) * 60_000,
  ) {}

  /** Ends the session (the learner's and a supervising teacher's) once it has been idle too long. */
  private expire(): void {
    if ((this.current !== null || this.supervising !== null) && this.clock().getTime() - this.lastActiveMs >= this.idleMs) this.clear();
  }

  /** A learner's call reached main: the idle time starts again. */
  touch(): void {
    this.expire();
    if (this.current !== null || this.supervising !== null) this.lastActiveMs = this.clock().getTime();
  }

  get(): SignedIn | null {
    this.expire();
    return this.current;
  }

  /** Someone is at the keyboard: a learner, or a teacher's pupils between sessions. */
  anyone(): boolean {
    this.expire();
    return this.current !== null || this.supervising !== null;
  }

  /** The member of staff supervising pupil sessions, while one is. */
  supervisor(): string | null {
    this.expire();
    return this.supervising;
  }

  set(who: SignedIn): void {
    this.current = { ...who };
    if (who.kind === 'staff') this.supervising = null;
    this.lastActiveMs = this.clock().getTime();
    this.onSignIn();
  }

  /** A pupil session starts under a member of staff: the signed-in one, or the one already supervising. */
  startPupil(pupilId: string, supervisorId: string): void {
    this.supervising = supervisorId;
    this.current = { learnerId: pupilId, kind: 'pupil' };
    this.lastActiveMs = this.clock().getTime();
    this.onSignIn();
  }

  /** The pupil is done; the supervising teacher stays signed in underneath. */
  endPupil(): void {
    if (this.current?.kind === 'pupil') this.current = null;
    this.lastActiveMs = this.clock().getTime();
  }

  clear(): void {
    this.current = null;
    this.supervising = null;
  }

  /** The signed-in learner, who must be `learnerId` when one is given. */
  require(learnerId?: string): SignedIn {
    const who = this.get();
    if (!who) throw new ServiceError('forbidden', 'Nobody is signed in (or the session ended after being left idle): sign in first.');
    if (learnerId !== undefined && who.learnerId !== learnerId) {
      throw new ServiceError('forbidden', 'That record belongs to another learner; only the signed-in learner can use it.');
    }
    return who;
  }

  /** The signed-in member of staff (a teacher's own channels: class mode, their classes' counts). */
  requireStaff(): SignedIn {
    const who = this.require();
    if (who.kind !== 'staff') throw new ServiceError('forbidden', 'Only a signed-in member of staff can do that.');
    return who;
  }
}
