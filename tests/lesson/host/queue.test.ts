import { describe, expect, it } from 'vitest';
import { CommitQueue, type SaveState } from '@renderer/lesson/host/queue';
import type { Cmi } from '@content/scorm';

const cmi = (n: number): Cmi => ({ version: 'scorm2004', data: { 'cmi.location': `s${n}` } });

/** A send that resolves only when the test says main has written it. */
function gatedSend() {
  const calls: { kind: string; seq: number; cmi: Cmi; done: () => void; fail: (e: Error) => void }[] = [];
  const send = (kind: 'commit' | 'finish', seq: number, c: Cmi) =>
    new Promise<void>((resolve, reject) => calls.push({ kind, seq, cmi: c, done: resolve, fail: reject }));
  return { calls, send };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the commit queue between scorm-again and main', () => {
  it('sends in order, one at a time, with rising seq from where the attempt left off; "saved" only when main confirms', async () => {
    const { calls, send } = gatedSend();
    const states: SaveState['state'][] = [];
    const q = new CommitQueue(send, (s) => states.push(s.state), 7);
    q.push('commit', cmi(1));
    q.push('finish', cmi(2));
    await tick();
    expect(calls.map((c) => c.seq)).toEqual([8]);
    expect(states).toEqual(['saving', 'saving']);
    calls[0]!.done();
    await tick();
    expect(calls.map((c) => [c.kind, c.seq])).toEqual([
      ['commit', 8],
      ['finish', 9],
    ]);
    expect(states.at(-1)).toBe('saving');
    calls[1]!.done();
    await q.drain();
    expect(states.at(-1)).toBe('saved');
  });

  it('reports a refused write as not saved, and carries on with the next commit', async () => {
    const { calls, send } = gatedSend();
    const states: SaveState[] = [];
    const q = new CommitQueue(send, (s) => states.push(s));
    q.push('commit', cmi(1));
    await tick();
    calls[0]!.fail(new Error('seq 1 goes backwards'));
    await tick();
    expect(states.at(-1)).toEqual({ state: 'error', message: 'seq 1 goes backwards' });
    q.push('commit', cmi(2));
    await tick();
    expect(calls[1]?.seq).toBe(2);
    calls[1]!.done();
    await q.drain();
    expect(states.at(-1)?.state).toBe('saved');
  });

  it('when the page is going away, sends at once instead of waiting for the write in flight', async () => {
    const { calls, send } = gatedSend();
    const q = new CommitQueue(send);
    q.push('commit', cmi(1));
    await tick();
    q.sendImmediately();
    q.push('commit', cmi(2));
    expect(calls.map((c) => c.seq)).toEqual([1, 2]);
  });
});
