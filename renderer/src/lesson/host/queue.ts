import type { Cmi } from '@content/scorm';

export type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: Date } | { state: 'error'; message: string };
export type SendCmi = (kind: 'commit' | 'finish', seq: number, cmi: Cmi) => Promise<void>;

/**
 * SCORM's Commit returns at once; the write to main happens here, in order, one at a time, with
 * a rising sequence number. "Saved" is reported only when main has confirmed the write is
 * durable; a failed write is retried with the next commit (it carries the whole cmi).
 */
export class CommitQueue {
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly send: SendCmi,
    private readonly report: (s: SaveState) => void = () => {},
    /** The attempt's last recorded seq: a resumed attempt carries on above it. */
    lastSeq = 0,
  ) {
    this.seq = lastSeq;
  }

  private urgent = false;

  /**
   * The page is going away: later commits are sent at once instead of after the one in flight
   * (the preview bridge's keepalive fetch outlives the page; main keeps the highest seq).
   */
  sendImmediately(): void {
    this.urgent = true;
  }

  push(kind: 'commit' | 'finish', cmi: Cmi): void {
    const seq = ++this.seq;
    this.pending++;
    this.report({ state: 'saving' });
    if (this.urgent) {
      void this.send(kind, seq, cmi).catch(() => {});
      return;
    }
    this.chain = this.chain.then(async () => {
      try {
        await this.send(kind, seq, cmi);
        this.pending--;
        if (this.pending === 0) this.report({ state: 'saved', at: new Date() });
      } catch (err) {
        this.pending--;
        this.report({ state: 'error', message: (err as Error).message });
      }
    });
  }

  drain(): Promise<void> {
    return this.chain;
  }
}
