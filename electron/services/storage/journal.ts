import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, renameSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { nodeRecordsIo, type RecordsIo } from './file-io';
import type { FsyncWait } from './fsync-off-main';

export { fsyncDir } from './file-io';

/**
 * The journal: every change to the records, one JSON line each, appended and fsync'd beside the
 * database before the change is acknowledged. If the database is damaged, the last good backup plus
 * the journal rebuilds it. Each line ends with a CRC-32 of its JSON, so a torn last line (power cut
 * mid-write) or a flipped byte is recognised and skipped rather than replayed wrongly.
 */
export interface JournalLine {
  /** Journal sequence number: strictly increasing, stored in the database as `journal_seq`. */
  j: number;
  [key: string]: unknown;
}

export interface JournalRead<T extends JournalLine> {
  entries: T[];
  /** Lines that failed their checksum or did not parse (a torn tail counts as one). */
  damaged: number;
  /** Whether the damage was only the last line (what a power cut mid-append leaves). */
  tornTailOnly: boolean;
}

const encode = (entry: JournalLine): string => {
  const json = JSON.stringify(entry);
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
};

/** One entry as the journal writes it: JSON, a tab, its CRC-32, a newline. */
export const encodeJournalLine = encode;

/** The text before the zeros the app lays out past the last line (journal-file.ts); a file without them is all lines. */
export function withoutZeroTail(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function parseJournal<T extends JournalLine>(text: string): JournalRead<T> {
  const lines = withoutZeroTail(text).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: T[] = [];
  let damaged = 0;
  let lastBad = -1;
  lines.forEach((line, i) => {
    const entry = parseJournalLine<T>(line);
    if (entry) {
      entries.push(entry);
    } else {
      damaged++;
      lastBad = i;
    }
  });
  return { entries, damaged, tornTailOnly: damaged === 1 && lastBad === lines.length - 1 };
}

/** One line's entry, or null when its checksum fails or it does not parse. */
export function parseJournalLine<T extends JournalLine>(line: string): T | null {
  const tab = line.lastIndexOf('\t');
  const json = tab > 0 ? line.slice(0, tab) : '';
  const sum = tab > 0 ? line.slice(tab + 1) : '';
  try {
    if (!/^[0-9a-f]{8}$/.test(sum) || crc32(json) !== Number.parseInt(sum, 16)) return null;
    const entry = JSON.parse(json) as T;
    return typeof entry.j === 'number' ? entry : null;
  } catch {
    return null;
  }
}

/** A journal line written, its fsync under way (Journal.appendStarted). */
export interface PendingLine {
  /** Returns once the line is on disk; throws when its fsync failed. */
  durable: FsyncWait;
  /** Cuts the line back out of the file (its change was not recorded); never throws. */
  withdraw(): void;
}

export class Journal {
  private fd: number;
  /** Bumped whenever the file is replaced: a copy prepared from an older file must not take its place. */
  generation = 0;

  constructor(
    readonly file: string,
    private readonly io: RecordsIo = nodeRecordsIo,
  ) {
    const existed = existsSync(file);
    this.fd = io.openAppend(file);
    if (!existed) io.syncDir(path.dirname(file));
  }

  /** Appends and fsyncs; when this returns, the entry survives a power cut. */
  append(entry: JournalLine): void {
    this.io.append(this.fd, Buffer.from(encode(entry)));
    this.io.fsync(this.fd);
  }

  /**
   * Appends the entry and starts its fsync (off main when the io can): the line is durable once
   * `durable` returns, which throws if the flush failed. `withdraw` takes a line whose change was
   * refused back out of the file, so it is never replayed (after waiting for its flush).
   */
  appendStarted(entry: JournalLine): PendingLine {
    const data = Buffer.from(encode(entry));
    const fd = this.fd;
    this.io.append(fd, data);
    const wait = this.io.fsyncBegin ? this.io.fsyncBegin(fd) : () => this.io.fsync(fd);
    let flushed = false;
    return {
      durable: () => {
        if (flushed) return;
        flushed = true;
        wait();
      },
      withdraw: () => {
        try {
          if (!flushed) wait();
        } catch {
          // it failed: the line goes all the same
        }
        flushed = true;
        if (fd !== this.fd || !this.io.truncate) return;
        try {
          this.io.truncate(fd, this.linesEnd(fd) - data.length);
        } catch {
          // the disk refuses even this: the line stays, as a failed fsync always left it
        }
      },
    };
  }

  /** Appends several entries with one fsync (an import's batch): all survive a power cut once it returns. */
  appendMany(entries: readonly JournalLine[]): void {
    if (entries.length === 0) return;
    this.io.append(this.fd, Buffer.from(entries.map(encode).join('')));
    this.io.fsync(this.fd);
  }

  read<T extends JournalLine>(): JournalRead<T> {
    return readJournal<T>(this.file);
  }

  /** Replaces the journal with `entries` (erasure, compaction): temp file, fsync, rename, fsync dir. */
  rewrite(entries: readonly JournalLine[]): void {
    const tmp = `${this.file}.tmp`;
    const fd = this.io.openTruncate(tmp);
    try {
      this.io.append(fd, Buffer.from(entries.map(encode).join('')));
      this.io.fsync(fd);
    } finally {
      this.io.close(fd);
    }
    this.swapIn(tmp);
  }

  /**
   * Puts `tmp` in the journal's place: a rewritten copy (already fsync'd) of the journal's first
   * `readBytes` bytes, prepared while main went on appending. What was appended since is copied
   * over first, as written, so no entry acknowledged meanwhile is lost. The daily round's
   * compaction does the long part (reading, parsing, writing) in steps and on libuv's threads.
   */
  adopt(tmp: string, readBytes: number): void {
    const size = this.linesEnd(this.fd);
    if (size > readBytes) {
      const tail = Buffer.alloc(size - readBytes);
      const rfd = openSync(this.file, 'r');
      try {
        let off = 0;
        while (off < tail.length) {
          const n = readSync(rfd, tail, off, tail.length - off, readBytes + off);
          if (n === 0) throw new Error('the journal shrank while it was being compacted');
          off += n;
        }
      } finally {
        closeSync(rfd);
      }
      const fd = this.io.openAppend(tmp);
      try {
        this.io.append(fd, tail);
        this.io.fsync(fd);
      } finally {
        this.io.close(fd);
      }
    }
    this.swapIn(tmp);
  }

  /** Moves an fsync'd `tmp` into the journal's place and appends to it from now on (a new generation). */
  private swapIn(tmp: string): void {
    this.io.close(this.fd);
    renameSync(tmp, this.file);
    this.io.syncDir(path.dirname(this.file));
    this.fd = this.io.openAppend(this.file);
    this.generation++;
  }

  /** Where the lines end: the file's size, unless the io lays out zeros past them (journal-file.ts). */
  private linesEnd(fd: number): number {
    return this.io.endOf ? this.io.endOf(fd) : fstatSync(fd).size;
  }

  close(): void {
    this.generation++;
    try {
      this.io.close(this.fd);
    } catch {
      // already closed
    }
  }
}

export function readJournal<T extends JournalLine>(file: string): JournalRead<T> {
  if (!existsSync(file)) return { entries: [], damaged: 0, tornTailOnly: false };
  return parseJournal<T>(readFileSync(file, 'utf8'));
}

/**
 * Journal numbers in (after, upTo] that the journal does not hold: changes the database
 * acknowledged whose lines were deleted, cut short or damaged. `after` is the newest backup's
 * number (a recovery replays what came after it), `upTo` the database's.
 */
export function missingFromJournal(read: JournalRead<JournalLine>, after: number, upTo: number): { count: number; first: number; last: number } {
  const held = new Set(read.entries.map((e) => e.j));
  let count = 0;
  let first = 0;
  let last = 0;
  for (let j = after + 1; j <= upTo; j++) {
    if (held.has(j)) continue;
    count++;
    first ||= j;
    last = j;
  }
  return { count, first, last };
}
