import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsyncOffMain } from '@services/storage';

/**
 * The journal's fsync on its own thread (storage/fsync-off-main.ts): what the records store relies
 * on is that the wait returns only once the flush is done, that a failed flush is reported to the
 * wait (so the change is refused), and that a worker gone or never started leaves the flush to
 * main rather than to nobody.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'fsync-off-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function appendFile(name: string): number {
  const fd = openSync(path.join(dir, name), 'a', 0o600);
  writeSync(fd, 'a line\n');
  return fd;
}

/** A descriptor whose fsync fails (EINVAL: /dev/null cannot be flushed), as a failing disk's would. */
const unflushable = (): number => openSync('/dev/null', 'a');

async function running(worker: FsyncOffMain): Promise<void> {
  worker.start();
  for (let i = 0; i < 500 && !worker.running; i++) await new Promise((r) => setTimeout(r, 10));
  expect(worker.running, 'the worker started').toBe(true);
}

describe('the journal fsync off main', () => {
  it('flushes on its thread and reports a failed flush to the wait, then serves the next one', async () => {
    const worker = new FsyncOffMain();
    await running(worker);
    const fd = appendFile('journal');
    try {
      const served = worker.served;
      worker.begin(fd)();
      expect(worker.served, 'the worker did the flush, not main').toBe(served + 1);

      const nul = unflushable();
      const bad = worker.begin(nul);
      expect(() => bad()).toThrow(/EINVAL: fsync failed on the journal/);
      closeSync(nul);
      expect(worker.served).toBe(served + 2);

      // Still there for the next line, and a wait asked twice reports once.
      const next = worker.begin(fd);
      next();
      next();
      expect(worker.served).toBe(served + 3);
    } finally {
      closeSync(fd);
      worker.stop();
    }
  });

  it('flushes on main while the worker is not running yet, and after it stopped; a failure still reaches the wait', async () => {
    const worker = new FsyncOffMain();
    const fd = appendFile('journal-main');
    try {
      // Never started: main flushes, and the failure is kept for the wait rather than thrown at once.
      const first = worker.begin(fd);
      first();
      expect(worker.served).toBe(0);
      const nul = unflushable();
      const bad = worker.begin(nul);
      expect(() => bad()).toThrow(/EINVAL/);
      closeSync(nul);

      await running(worker);
      worker.stop();
      expect(worker.running).toBe(false);
      const after = worker.served;
      worker.begin(fd)();
      expect(worker.served, 'flushed by main after the stop').toBe(after);
    } finally {
      closeSync(fd);
    }
  });

  it('takes a line it was told to expect, and one told but never sent leaves it serving the next', async () => {
    const worker = new FsyncOffMain();
    await running(worker);
    const fd = appendFile('journal-expected');
    try {
      const served = worker.served;
      worker.expect();
      expect(worker.expected, 'the hint reaches a worker with a core of its own').toBe(availableParallelism() > 1 ? 1 : 0);
      worker.begin(fd)();
      expect(worker.served).toBe(served + 1);
      // Told, but the commit was refused: the worker watches a moment, sleeps again, and still serves.
      worker.expect();
      await new Promise((r) => setTimeout(r, 20));
      worker.begin(fd)();
      expect(worker.served).toBe(served + 2);
      worker.stop();
      worker.expect();
      expect(worker.expected, 'no hint once it stopped').toBe(availableParallelism() > 1 ? 2 : 0);
    } finally {
      closeSync(fd);
    }
  });

  it('keeps one request at a time: a line begun while another waits is flushed on main', async () => {
    const worker = new FsyncOffMain();
    await running(worker);
    const a = appendFile('journal-a');
    const b = appendFile('journal-b');
    try {
      const served = worker.served;
      const first = worker.begin(a);
      const second = worker.begin(b);
      second();
      first();
      expect(worker.served, 'only the first went to the worker').toBe(served + 1);
    } finally {
      closeSync(a);
      closeSync(b);
      worker.stop();
    }
  });
});
