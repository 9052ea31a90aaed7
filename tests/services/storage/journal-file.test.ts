import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal, parseJournal, readJournal } from '@services/storage';
import { GROW_BYTES } from '@services/storage/journal-file';
import { withoutZeroTail } from '@services/storage/journal';

/**
 * The journal file as the app writes it (storage/journal-file.ts): zeros laid out past the lines,
 * so a line's flush changes no file size. What would go wrong for a learner or an administrator:
 * a line written after the zeros instead of over them (read back as damage, so a recovery would
 * lose it), a line lost when the file grows, or a refused change's line left to be replayed.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const journalFile = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'journal-file-'));
  dirs.push(dir);
  return path.join(dir, 'records.journal');
};

const line = (entry: object): string => {
  const json = JSON.stringify(entry);
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
};
const audit = (j: number, detail = '') => ({ j, k: 'audit', at: '2026-12-07T10:00:00.000Z', actor: 'admin', action: `a${j}`, detail });
/** The file's text up to the zeros: exactly the lines, with nothing between them. */
const linesOf = (file: string): string => withoutZeroTail(readFileSync(file, 'utf8'));

describe('the journal file laid out ahead of its lines', () => {
  it('writes each line over the zeros, right after the one before, also when the journal is opened again', () => {
    const file = journalFile();
    const first = new Journal(file);
    first.append(audit(1));
    first.append(audit(2));
    first.close();
    const size = statSync(file).size;
    expect(size, 'zeros laid out past the lines').toBeGreaterThan(Buffer.byteLength(line(audit(1)) + line(audit(2))));
    expect(readFileSync(file).subarray(Buffer.byteLength(linesOf(file))).every((b) => b === 0)).toBe(true);

    const again = new Journal(file);
    again.append(audit(3));
    again.close();
    expect(linesOf(file)).toBe(line(audit(1)) + line(audit(2)) + line(audit(3)));
    expect(statSync(file).size, 'the next line went over the zeros, not after them').toBe(size);
    expect(readJournal(file)).toEqual({ entries: [audit(1), audit(2), audit(3)], damaged: 0, tornTailOnly: false });
  });

  it('takes a journal written before the zeros (lines only) and goes on after its last line', () => {
    const file = journalFile();
    writeFileSync(file, line(audit(1)));
    const journal = new Journal(file);
    journal.append(audit(2));
    journal.close();
    expect(linesOf(file)).toBe(line(audit(1)) + line(audit(2)));
  });

  it('grows the zeros when a line would not fit, keeping every line in order across many growths', () => {
    const file = journalFile();
    const journal = new Journal(file);
    // Lines of about 9 KB (a commit of twelve answers is about 8 KB): GROW_BYTES is passed several times.
    const entries = Array.from({ length: Math.ceil((GROW_BYTES * 3) / 9000) }, (_, i) => audit(i + 1, 'x'.repeat(9000)));
    journal.appendMany(entries.slice(0, 10));
    for (const e of entries.slice(10)) journal.append(e);
    journal.close();
    expect(readJournal(file)).toEqual({ entries, damaged: 0, tornTailOnly: false });
    expect(linesOf(file)).toBe(entries.map(line).join(''));
    expect(statSync(file).size % GROW_BYTES).toBe(0);
  });

  it('takes a refused change’s line back out, and the next line takes its place', () => {
    const file = journalFile();
    const journal = new Journal(file);
    journal.append(audit(1));
    const refused = journal.appendStarted(audit(2, 'refused'));
    refused.withdraw();
    expect(readJournal(file).entries.map((e) => e.j), 'a refused line is never replayed').toEqual([1]);
    const kept = journal.appendStarted(audit(2));
    kept.durable();
    journal.close();
    expect(linesOf(file)).toBe(line(audit(1)) + line(audit(2)));
  });

  it('goes on after what is left when the file is cut short while open, with no gap before its next line', () => {
    const file = journalFile();
    const journal = new Journal(file);
    journal.append(audit(1));
    journal.append(audit(2));
    truncateSync(file, Buffer.byteLength(line(audit(1))));
    journal.append(audit(3));
    journal.close();
    expect(readJournal(file)).toEqual({ entries: [audit(1), audit(3)], damaged: 0, tornTailOnly: false });
  });

  it('reads a line cut short by a power cut, with the zeros after it, as the torn tail it is', () => {
    const zeros = '\0'.repeat(4096);
    const torn = line(audit(2)).slice(0, 30);
    expect(parseJournal(line(audit(1)) + torn + zeros)).toEqual({ entries: [audit(1)], damaged: 1, tornTailOnly: true });
    // The line's first part never reached the disk, its second did.
    const lateHalf = '\0'.repeat(30) + line(audit(2)).slice(30);
    expect(parseJournal(line(audit(1)) + lateHalf + zeros)).toEqual({ entries: [audit(1)], damaged: 1, tornTailOnly: true });
    expect(parseJournal(zeros)).toEqual({ entries: [], damaged: 0, tornTailOnly: false });
  });

  it('adopts a compacted copy with the lines written meanwhile, and goes on right after them', () => {
    const file = journalFile();
    const journal = new Journal(file);
    journal.appendMany([audit(1), audit(2), audit(3)]);
    // As the daily round reads it: whole lines only, up to the last newline.
    const bytes = readFileSync(file);
    const readBytes = bytes.lastIndexOf(0x0a) + 1;
    const copy = `${file}.compact`;
    writeFileSync(copy, line(audit(3)));
    journal.append(audit(4));
    journal.adopt(copy, readBytes);
    journal.append(audit(5));
    journal.close();
    expect(linesOf(file)).toBe([3, 4, 5].map((j) => line(audit(j))).join(''));
    expect(readJournal(file).damaged).toBe(0);
  });
});
