import { postStatements, type Fetch, type PostOutcome } from './post';
import { backoffMs } from './backoff';
import type { LrsTarget } from './target';
import type { SenderState } from './journal-entries';

export { EMPTY_STATE, type SenderState } from './journal-entries';

/** A batch the outbox hands out: whole attempts (an attempt's statements always travel together). */
export interface OutboxBatch {
  attempts: { attemptId: string; /** Each statement as JSON. */ statements: string[] }[];
}

const idsOf = (b: OutboxBatch): string[] => b.attempts.map((a) => a.attemptId);
const statementsOf = (b: OutboxBatch): string[] => b.attempts.flatMap((a) => a.statements);

/**
 * Where the statements wait (the records database; electron/services/lrs/outbox.ts). An attempt
 * is queued when it finishes, in the same transaction as the commit that finished it; the marks
 * and the state below are written as journalled entries of the records store.
 */
export interface Outbox {
  /** The oldest attempts still to send, about `maxStatements` statements (at least one attempt). */
  next(maxStatements: number): OutboxBatch | null;
  /** How many attempts are waiting. */
  pendingCount(): number;
  /** How many attempts are set aside (by the LRS, or by next() for having no statements). */
  setAsideCount(): number;
  markSent(attemptIds: readonly string[], at: string): void;
  /** The LRS will never take this attempt as it is: kept, not retried, listed for the administrator. */
  setAside(attemptId: string, reason: string, at: string): void;
  readState(): SenderState;
  writeState(state: SenderState): void;
}

export type SyncOutcome = 'done' | 'off' | 'unreachable' | 'refused';

export interface SyncReport {
  outcome: SyncOutcome;
  /** Attempts the LRS now holds (this run). */
  sentAttempts: number;
  sentStatements: number;
  /** Attempts set aside this run (409 or a statement the LRS refuses). */
  setAside: number;
  pending: number;
  /** In plain words, for the administrator or the command line. */
  message: string;
}

export interface SenderOptions {
  outbox: Outbox;
  /** The LRS to send to; null when sending is off (the default). */
  target: () => LrsTarget | null;
  fetch: Fetch;
  clock: () => Date;
  /** Statements per POST (default 250). */
  batchStatements?: number;
  /** How long one POST may take (default 30 s). */
  timeoutMs?: number;
  /** After a new finished attempt, wait this long for others before sending (default 3 s). */
  settleMs?: number;
  /** When all is sent, look again this often anyway (default 10 minutes). */
  idleCheckMs?: number;
  random?: () => number;
  /** Told whenever the status may have changed (the admin area refreshes). */
  onChange?: () => void;
}

/**
 * Sends the outbox to the Trust's LRS. One run at a time (callers during a run share it); a run
 * sends batch after batch until nothing is left or the LRS stops answering. It never throws at a
 * caller and never holds a learner up: it runs beside the app, and a commit only adds a row.
 *   200/204 → the batch's attempts are marked sent.
 *   409/400/413 → the batch is halved until the attempt at fault is alone; that one is set aside
 *     with the LRS's words and never retried by itself; the others go on.
 *   401/403 → the run stops and automatic sending waits for the administrator.
 *   anything else (down, slow, 5xx, 429) → pending kept; the next try after a growing pause.
 */
export class LrsSender {
  private running: Promise<SyncReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private readonly batchStatements: number;
  private readonly timeoutMs: number;

  constructor(private readonly o: SenderOptions) {
    this.batchStatements = o.batchStatements ?? 250;
    this.timeoutMs = o.timeoutMs ?? 30_000;
  }

  /** Sends what is pending now. `byHand`: an administrator or `npm run sync` asked (clears a stop). */
  sync(options: { byHand?: boolean } = {}): Promise<SyncReport> {
    if (this.running) return this.running;
    this.running = this.run(options.byHand === true).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Automatic sending in the app: after each finished attempt (kick) and now and then. */
  start(): void {
    this.started = true;
    this.schedule(this.o.settleMs ?? 3_000);
  }

  /** A new attempt finished: send soon (several finishing together go in one batch). */
  kick(): void {
    if (!this.started || this.o.outbox.readState().stoppedFor) return;
    if (this.timer && this.dueAt - Date.now() <= (this.o.settleMs ?? 3_000)) return;
    if (this.o.outbox.readState().failuresInARow > 0) return; // backing off: the timer will come
    this.schedule(this.o.settleMs ?? 3_000);
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** A run is in progress (the admin area shows "Sending…"). */
  get busy(): boolean {
    return this.running !== null;
  }

  private dueAt = 0;

  private schedule(ms: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync().then((report) => {
        const state = this.o.outbox.readState();
        if (report.outcome === 'refused' || report.outcome === 'off' || state.stoppedFor) this.schedule(this.o.idleCheckMs ?? 600_000);
        else if (report.outcome === 'unreachable') this.schedule(backoffMs(state.failuresInARow, this.lastRetryAfter, this.o.random));
        else this.schedule(this.o.idleCheckMs ?? 600_000);
      });
    }, ms);
    this.timer.unref?.();
  }

  private lastRetryAfter: number | null = null;

  private async run(byHand: boolean): Promise<SyncReport> {
    const outbox = this.o.outbox;
    const report = (outcome: SyncOutcome, message: string, counts: Partial<SyncReport> = {}): SyncReport => ({
      outcome,
      sentAttempts: counts.sentAttempts ?? 0,
      sentStatements: counts.sentStatements ?? 0,
      setAside: counts.setAside ?? 0,
      pending: safeCount(outbox),
      message,
    });
    try {
      const target = this.o.target();
      if (!target) return report('off', 'Sending to an LRS is off on this PC.');
      let state = outbox.readState();
      if (state.stoppedFor && !byHand) return report('refused', state.stoppedFor);
      if (state.stoppedFor) outbox.writeState((state = { ...state, stoppedFor: null }));
      let sentAttempts = 0;
      let sentStatements = 0;
      let setAside = 0;
      // next() sets aside attempts that can have no statements (no LMS username, say): counted too.
      const asideBefore = outbox.setAsideCount();
      for (;;) {
        const batch = outbox.next(this.batchStatements);
        if (!batch) break;
        const result = await this.deliver(target, batch);
        sentAttempts += result.sentAttempts;
        sentStatements += result.sentStatements;
        setAside += result.setAside;
        this.o.onChange?.();
        if (result.stop) {
          const at = this.o.clock().toISOString();
          const failure = result.stop;
          state = outbox.readState();
          if (failure.kind === 'refused') {
            outbox.writeState({ ...state, lastError: { at, message: failure.message }, stoppedFor: failure.message, failuresInARow: 0 });
            this.o.onChange?.();
            return report('refused', failure.message, { sentAttempts, sentStatements, setAside });
          }
          this.lastRetryAfter = failure.kind === 'unreachable' ? failure.retryAfterMs : null;
          outbox.writeState({ ...state, lastError: { at, message: failure.message }, failuresInARow: state.failuresInARow + 1 });
          this.o.onChange?.();
          return report('unreachable', `${failure.message} ${safeCount(outbox)} attempt record(s) are kept and will be sent later.`, { sentAttempts, sentStatements, setAside });
        }
      }
      state = outbox.readState();
      outbox.writeState({ ...state, failuresInARow: 0, ...(sentAttempts > 0 ? { lastSuccessAt: this.o.clock().toISOString() } : {}) });
      this.o.onChange?.();
      const unsendable = Math.max(0, outbox.setAsideCount() - asideBefore - setAside);
      const asideNote =
        (setAside > 0 ? ` ${setAside} attempt record(s) were refused by the LRS and set aside (see the last error).` : '') +
        (unsendable > 0 ? ` ${unsendable} attempt record(s) cannot be sent as they are and were set aside (the list says why).` : '');
      return report('done', `Sent ${sentAttempts} attempt record(s) (${sentStatements} statements); nothing is waiting.${asideNote}`, {
        sentAttempts,
        sentStatements,
        setAside: setAside + unsendable,
      });
    } catch (err) {
      // The outbox itself failed (the database is closing, the disk is full): report, keep the rows.
      return report('unreachable', `Sending stopped: ${(err as Error).message}`);
    }
  }

  /**
   * Posts one batch; on 409/400/413 halves it until the attempt at fault is alone. Returns what was
   * sent and, when the LRS stopped answering or refused the key, why the run must stop.
   */
  private async deliver(
    target: LrsTarget,
    batch: OutboxBatch,
  ): Promise<{ sentAttempts: number; sentStatements: number; setAside: number; stop: Extract<PostOutcome, { kind: 'refused' | 'unreachable' }> | null }> {
    const statements = statementsOf(batch);
    const outcome = await postStatements(target, statements, this.o.fetch, this.timeoutMs);
    const at = this.o.clock().toISOString();
    switch (outcome.kind) {
      case 'stored':
        this.o.outbox.markSent(idsOf(batch), at);
        return { sentAttempts: batch.attempts.length, sentStatements: statements.length, setAside: 0, stop: null };
      case 'refused':
      case 'unreachable':
        return { sentAttempts: 0, sentStatements: 0, setAside: 0, stop: outcome };
      case 'conflict':
      case 'rejected': {
        if (batch.attempts.length === 1) {
          const id = batch.attempts[0]!.attemptId;
          this.o.outbox.setAside(id, outcome.message, at);
          const state = this.o.outbox.readState();
          this.o.outbox.writeState({ ...state, lastError: { at, message: `Attempt record ${id} was set aside: ${outcome.message}` } });
          return { sentAttempts: 0, sentStatements: 0, setAside: 1, stop: null };
        }
        let total = { sentAttempts: 0, sentStatements: 0, setAside: 0 };
        for (const half of halves(batch)) {
          const r = await this.deliver(target, half);
          total = { sentAttempts: total.sentAttempts + r.sentAttempts, sentStatements: total.sentStatements + r.sentStatements, setAside: total.setAside + r.setAside };
          if (r.stop) return { ...total, stop: r.stop };
        }
        return { ...total, stop: null };
      }
    }
  }
}

/** Splits a batch in two by attempts (an attempt's statements stay together). */
function halves(batch: OutboxBatch): OutboxBatch[] {
  const mid = Math.ceil(batch.attempts.length / 2);
  return [{ attempts: batch.attempts.slice(0, mid) }, { attempts: batch.attempts.slice(mid) }];
}

function safeCount(outbox: Outbox): number {
  try {
    return outbox.pendingCount();
  } catch {
    return -1;
  }
}
