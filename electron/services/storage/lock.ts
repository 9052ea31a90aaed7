import { closeSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import os from 'node:os';
import { ServiceError } from '@contract/result';

/**
 * One process per data folder. SQLite's own locks would let a second app open the same database
 * and interleave its journal with ours, so we hold an exclusive lock file instead: created with
 * O_EXCL, holding our pid and host. A lock whose process is gone (a crash, a power cut) is stale and
 * is taken over; a live one is refused with a message that says who holds it. The pid check is
 * the best a plain file can do: a reused pid after a crash is told to close the other app.
 */
export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  purpose: string;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, host: String(parsed.host ?? ''), since: String(parsed.since ?? ''), purpose: String(parsed.purpose ?? '') } : null;
  } catch {
    return null; // half-written by a process that died while taking it: stale
  }
}

/** The data folder is held by another live process: the caller may try again once it has finished. */
export class DataDirBusy extends ServiceError {
  constructor(message: string) {
    super('unavailable', message);
    this.name = 'DataDirBusy';
  }
}

export class DataDirLock {
  private released = false;
  private constructor(readonly file: string) {}

  static acquire(file: string, purpose: string, now: Date = new Date(), alive: (pid: number) => boolean = processAlive): DataDirLock {
    for (let tries = 0; tries < 3; tries++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        const info: LockInfo = { pid: process.pid, host: os.hostname(), since: now.toISOString(), purpose };
        writeSync(fd, JSON.stringify(info));
        fsyncSync(fd);
        closeSync(fd);
        return new DataDirLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new ServiceError('unavailable', `Cannot create the lock file ${file}: ${(err as Error).message}`);
        }
      }
      const holder = readLock(file);
      const sameHost = holder !== null && holder.host === os.hostname();
      if (holder && holder.pid !== process.pid && (!sameHost || alive(holder.pid))) {
        throw new DataDirBusy(
          `The records in this data folder are already open in another copy of the app (${holder.purpose || 'process'} ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
            'Close the other copy first; two programs writing the same records could lose data.',
        );
      }
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        // someone else removed it first; try again
      }
    }
    throw new DataDirBusy(`Could not take the lock ${file}; another copy of the app may be starting.`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const holder = readLock(this.file);
    if (holder?.pid === process.pid) {
      try {
        unlinkSync(this.file);
      } catch {
        // already gone
      }
    }
  }
}
