import { ServiceError } from '../../contract/result';

export interface SignedIn {
  learnerId: string;
  kind: 'staff' | 'pupil';
}

/**
 * Who is signed in on this PC, remembered in main only. Channels that name a learner refuse any
 * other learner, so a renderer cannot read or write someone else's records by changing an id.
 */
export class SessionService {
  private current: SignedIn | null = null;

  get(): SignedIn | null {
    return this.current;
  }

  set(who: SignedIn): void {
    this.current = { ...who };
  }

  clear(): void {
    this.current = null;
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
}
