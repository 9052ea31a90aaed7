import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * The journal file laid out ahead of its lines: written zeros past the last line, so that
 * appending a line changes no file size and its flush is the data alone (fdatasync, no file
 * system journal commit: about half the time of a growing file's fsync on ext4, issue 19). When a
 * line would not fit, the zeros are extended by GROW_BYTES and the file fsync'd whole once, before
 * the line is written. Readers stop at the zeros (journal.ts `withoutZeroTail`); a power cut leaves
 * at worst a line cut short before them, as before.
 *
 * The end of the lines is kept per open descriptor here, found again when a file is opened (the
 * last byte that is not zero), so every writer of the journal goes through nodeRecordsIo.
 */
export const GROW_BYTES = 256 * 1024;
const ZEROS = Buffer.alloc(64 * 1024);

interface Layout {
  /** Where the next line goes: just after the last byte that is not zero. */
  end: number;
  /** The file's size: the lines, then zeros. */
  size: number;
}

const layouts = new Map<number, Layout>();

/** The offset just past the last byte that is not zero, read backwards from the end in blocks. */
function endOfLines(fd: number, size: number): number {
  const block = Buffer.alloc(Math.min(size, ZEROS.length));
  let at = size;
  while (at > 0) {
    const from = Math.max(0, at - block.length);
    const n = readSync(fd, block, 0, at - from, from);
    for (let i = n - 1; i >= 0; i--) if (block[i] !== 0) return from + i + 1;
    at = from;
  }
  return 0;
}

/** Opens (or creates) a journal file for writing its lines at their end, never past it. */
export function openJournalFile(file: string, mode: number): number {
  // Read and write, not append: with O_APPEND every write would go after the zeros.
  const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, mode);
  const size = fstatSync(fd).size;
  layouts.set(fd, { end: endOfLines(fd, size), size });
  return fd;
}

/** Opens a journal file from empty (a rewrite's copy): its layout starts at nothing. */
export function openEmptyJournalFile(file: string, mode: number): number {
  const fd = openSync(file, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC, mode);
  layouts.set(fd, { end: 0, size: 0 });
  return fd;
}

function layoutOf(fd: number): Layout {
  const layout = layouts.get(fd);
  if (!layout) throw new Error(`fd ${fd} is not an open journal file`);
  return layout;
}

function writeAllAt(fd: number, data: Buffer, position: number): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off, position + off);
}

/** Writes `data` after the last line, growing the zeros first (and fsyncing the file whole) when it would not fit. */
export function appendLine(fd: number, data: Buffer): void {
  const layout = layoutOf(fd);
  // Cut short by something else while open (a file tool, a restore): go on after what is left, not after a gap.
  const size = fstatSync(fd).size;
  if (size < layout.size) Object.assign(layout, { end: endOfLines(fd, size), size });
  const needed = layout.end + data.length;
  if (needed > layout.size) {
    const grown = Math.ceil(needed / GROW_BYTES) * GROW_BYTES + GROW_BYTES;
    for (let at = layout.size; at < grown; at += ZEROS.length) writeAllAt(fd, ZEROS.subarray(0, Math.min(ZEROS.length, grown - at)), at);
    // The new size and its blocks on disk now, so each line's flush after this is its data alone.
    fsyncSync(fd);
    layout.size = grown;
  }
  writeAllAt(fd, data, layout.end);
  layout.end = needed;
}

/** Where the lines end (the next line's offset). */
export const linesEnd = (fd: number): number => layoutOf(fd).end;

/** Takes the lines back to `end` (a refused change's line): zeros written over them, and flushed. */
export function cutLinesBack(fd: number, end: number): void {
  const layout = layoutOf(fd);
  if (end >= layout.end) return;
  for (let at = end; at < layout.end; at += ZEROS.length) writeAllAt(fd, ZEROS.subarray(0, Math.min(ZEROS.length, layout.end - at)), at);
  fsyncSync(fd);
  layout.end = end;
}

export function closeJournalFile(fd: number): void {
  layouts.delete(fd);
  closeSync(fd);
}
