import { ServiceError } from '@contract/result';
import type { ReadableDb } from '../storage';
import type { NewEntry } from './entries';
import { learnerById, type LearnerRow } from './queries/learners';
import { hashPin, NEW_PIN_DIGITS, NEW_PIN_RE, PIN_LOCK_AFTER, pinLockMs, verifyPin } from './pin';

export interface PinGuardDeps {
  db: () => ReadableDb;
  clock: () => Date;
  /** The store's journalled write (one entry, or several in one transaction). */
  write: (entries: NewEntry[]) => void;
}

const untilText = (iso: string): string => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
const minutesText = (ms: number): string => `${Math.round(ms / 60_000)} minute${Math.round(ms / 60_000) === 1 ? '' : 's'}`;

/**
 * Checks and resets of learners' PINs. Each learner's checks run one at a time, and each reads
 * the lock and the failure count afresh when its turn comes and again after the (slow) hash: forty
 * guesses sent side by side are checked one after another, and once the fifth has locked the PIN
 * the rest are refused without a hash. The count and the lock are journalled (pin-entries.ts), so
 * they survive a restart and a recovery. The PC's own sessions (sign-in, taking the PC back from
 * pupils) and the administrator's reset go through the same queue.
 */
export class PinGuard {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: PinGuardDeps,
    /** Why someone has no PIN on this PC (records brought from another PC). */
    private readonly noPinHere: (learnerId: string) => string,
  ) {}

  /** The learner whose PIN this is, after a right PIN; a wrong one is counted and may lock it. */
  check(learnerId: string, pin: string): Promise<LearnerRow> {
    return this.serial(learnerId, async () => {
      const l = this.current(learnerId);
      this.refuseWhileLocked(l);
      if (l.pin_hash === null) throw new ServiceError('forbidden', this.noPinHere(l.id));
      const ok = await verifyPin(pin, l.pin_hash);
      // Read again after the hash: the person may have been erased meanwhile.
      const after = this.current(learnerId);
      const now = this.deps.clock();
      if (ok) {
        const at = now.toISOString();
        // One journalled write: the count cleared (if any) and the sign-in seen.
        this.deps.write([...(after.pin_failures > 0 || after.pin_locked_until !== null ? [{ k: 'pin.cleared' as const, learnerId, at }] : []), { k: 'learner.seen', learnerId, at }]);
        return after;
      }
      const failures = after.pin_failures + 1;
      const lockMs = pinLockMs(failures);
      const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
      this.deps.write([{ k: 'pin.failed', learnerId, at: now.toISOString(), failures, lockedUntil }]);
      if (lockedUntil !== null) {
        throw new ServiceError(
          'locked',
          `That PIN does not match, and too many wrong PINs have been typed: this PIN is locked for ${minutesText(lockMs)} (until ${untilText(lockedUntil)}). An administrator can reset it.`,
        );
      }
      const left = PIN_LOCK_AFTER - failures;
      throw new ServiceError(
        'forbidden',
        `That PIN does not match the one you chose. Try again (${left} more wrong ${left === 1 ? 'try locks' : 'tries lock'} it for a while), or ask your administrator to reset it.`,
      );
    });
  }

  /** An administrator gives a member of staff a new PIN: the lock and the count go with the old one. */
  reset(learnerId: string, pin: string, actor: string): Promise<{ learnerId: string; resetAt: string }> {
    if (!NEW_PIN_RE.test(pin)) throw new ServiceError('invalid-request', `pin: a new PIN must be ${NEW_PIN_DIGITS.min} to ${NEW_PIN_DIGITS.max} digits, numbers only`);
    return this.serial(learnerId, async () => {
      const l = this.current(learnerId);
      if (l.kind !== 'staff') throw new ServiceError('invalid-request', 'learnerId: pupils have no PIN; only a member of staff’s PIN can be reset');
      const pinHash = await hashPin(pin);
      this.current(learnerId); // still on record after the hash
      const at = this.deps.clock().toISOString();
      this.deps.write([
        { k: 'pin.reset', learnerId, at, pinHash },
        { k: 'audit', at, actor, action: 'learner.pin-reset', detail: { learnerId, wasLocked: l.pin_locked_until !== null && l.pin_locked_until > at, failures: l.pin_failures } },
      ]);
      return { learnerId, resetAt: at };
    });
  }

  private current(learnerId: string): LearnerRow {
    const l = learnerById(this.deps.db(), learnerId);
    if (!l) throw new ServiceError('not-found', `learnerId: no learner ${learnerId} on record`);
    return l;
  }

  private refuseWhileLocked(l: LearnerRow): void {
    const now = this.deps.clock().toISOString();
    if (l.pin_locked_until !== null && l.pin_locked_until > now) {
      throw new ServiceError('locked', `Too many wrong PINs: this PIN is locked until ${untilText(l.pin_locked_until)}. Try again then, or ask the administrator to reset it.`);
    }
  }

  private serial<T>(learnerId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(learnerId) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(learnerId, tail);
    // Forget a learner's queue once it is empty, so the map does not grow with everyone who signs in.
    void tail.then(() => {
      if (this.queues.get(learnerId) === tail) this.queues.delete(learnerId);
    });
    return run;
  }
}
