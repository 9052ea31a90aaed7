import { ServiceError } from '@contract/result';
import { describeWait, LOCK_AFTER_FAILURES, lockDurationMs } from './lockout';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import type { AdminStore } from './store';

export interface AdminStatus {
  setUp: boolean;
  unlocked: boolean;
  /** Milliseconds until another password may be tried; 0 when not locked. */
  lockedForMs: number;
  failures: number;
  /** When main will lock the admin area unless something is done first (ISO), or null. */
  unlockedUntil: string | null;
}

/**
 * The administrator's session. It lives only here, in main: the renderer learns whether it is
 * unlocked but can never set it. Wrong passwords are counted on disk, so quitting the app does
 * not reset the back-off.
 */
export class AdminService {
  private unlockedUntilMs: number | null = null;
  /** Password checks run one at a time, so two fast guesses cannot both read the old counter. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AdminStore,
    private readonly clock: () => Date,
    private readonly idleMinutes: () => number,
  ) {}

  /** Once set up, always: the administrator's row is never deleted, so every later call need not read it. */
  private setUp = false;

  /** Asked by every learner call (host/access.ts): read from the database until the answer is yes. */
  isSetUp(): boolean {
    this.setUp ||= this.store.read() !== null;
    return this.setUp;
  }

  isUnlocked(): boolean {
    if (this.unlockedUntilMs === null) return false;
    if (this.clock().getTime() >= this.unlockedUntilMs) {
      this.unlockedUntilMs = null; // idle too long: main signs the administrator out
      return false;
    }
    return true;
  }

  /** Every admin call counts as activity and pushes the idle sign-out back. */
  touch(): void {
    if (this.isUnlocked()) this.unlockedUntilMs = this.clock().getTime() + this.idleMinutes() * 60_000;
  }

  /** Only the set-up screen calls this, right after it stored the password it was given. */
  beginSessionAfterSetup(): void {
    this.unlockedUntilMs = this.clock().getTime() + this.idleMinutes() * 60_000;
  }

  lock(): void {
    this.unlockedUntilMs = null;
  }

  status(): AdminStatus {
    const row = this.store.read();
    const now = this.clock().getTime();
    const unlocked = this.isUnlocked();
    return {
      setUp: row !== null,
      unlocked,
      lockedForMs: row?.lockedUntilMs && row.lockedUntilMs > now ? row.lockedUntilMs - now : 0,
      failures: row?.failures ?? 0,
      unlockedUntil: unlocked && this.unlockedUntilMs !== null ? new Date(this.unlockedUntilMs).toISOString() : null,
    };
  }

  unlock(password: string): Promise<AdminStatus> {
    return this.serial(async () => {
      await this.check(password);
      this.unlockedUntilMs = this.clock().getTime() + this.idleMinutes() * 60_000;
      return this.status();
    });
  }

  /** Needs the current password too, so an unattended unlocked screen cannot be taken over. */
  changePassword(current: string, next: string): Promise<AdminStatus> {
    return this.serial(async () => {
      const problem = passwordProblem(next);
      if (problem) throw new ServiceError('invalid-request', `New password: ${problem}`);
      await this.check(current);
      if (current === next) throw new ServiceError('invalid-request', 'New password: it must differ from the current one.');
      this.store.changeHash(await hashPassword(next), this.clock());
      this.unlockedUntilMs = this.clock().getTime() + this.idleMinutes() * 60_000;
      return this.status();
    });
  }

  /** The stored hash, for writing a set-up file; the password itself is never kept. */
  passwordHash(): string {
    const row = this.store.read();
    if (!row) throw new ServiceError('not-set-up', 'This computer is not set up yet.');
    return row.passwordHash;
  }

  /** Checks a password against the lock and the hash; counts and persists a failure. */
  private async check(password: string): Promise<void> {
    const row = this.store.read();
    if (!row) throw new ServiceError('not-set-up', 'This computer is not set up yet: set it up first.');
    const now = this.clock().getTime();
    if (row.lockedUntilMs !== null && now < row.lockedUntilMs) {
      throw new ServiceError(
        'locked',
        `Too many wrong passwords. The admin area is locked; try again in ${describeWait(row.lockedUntilMs - now)}.`,
      );
    }
    if (await verifyPassword(password, row.passwordHash)) {
      if (row.failures > 0) this.store.clearFailures(this.clock());
      return;
    }
    const failures = row.failures + 1;
    const lockMs = lockDurationMs(failures);
    // Taken after the slow hash, so the lock starts when the answer is given.
    const after = this.clock().getTime();
    this.store.recordFailure(failures, lockMs > 0 ? after + lockMs : null, new Date(after));
    this.lock();
    if (lockMs > 0) {
      throw new ServiceError('locked', `Wrong password. The admin area is now locked for ${describeWait(lockMs)}.`);
    }
    const left = LOCK_AFTER_FAILURES - failures;
    throw new ServiceError('forbidden', `Wrong password. ${left} more wrong ${left === 1 ? 'try locks' : 'tries lock'} the admin area for a while.`);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
