import { ServiceError } from '../../contract/result';

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
 */
export class SessionService {
  private current: SignedIn | null = null;
  private supervising: string | null = null;

  /** `onSignIn` runs whenever a learner signs in: the composition root locks the admin area with it. */
  constructor(private readonly onSignIn: () => void = () => {}) {}

  get(): SignedIn | null {
    return this.current;
  }

  /** Someone is at the keyboard: a learner, or a teacher's pupils between sessions. */
  anyone(): boolean {
    return this.current !== null || this.supervising !== null;
  }

  /** The member of staff supervising pupil sessions, while one is. */
  supervisor(): string | null {
    return this.supervising;
  }

  set(who: SignedIn): void {
    this.current = { ...who };
    if (who.kind === 'staff') this.supervising = null;
    this.onSignIn();
  }

  /** A pupil session starts under a member of staff: the signed-in one, or the one already supervising. */
  startPupil(pupilId: string, supervisorId: string): void {
    this.supervising = supervisorId;
    this.current = { learnerId: pupilId, kind: 'pupil' };
    this.onSignIn();
  }

  /** The pupil is done; the supervising teacher stays signed in underneath. */
  endPupil(): void {
    if (this.current?.kind === 'pupil') this.current = null;
  }

  clear(): void {
    this.current = null;
    this.supervising = null;
  }

  /** The signed-in learner, who must be `learnerId` when one is given. */
  require(learnerId?: string): SignedIn {
    const who = this.current;
    if (!who) throw new ServiceError('forbidden', 'Nobody is signed in: sign in first.');
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
