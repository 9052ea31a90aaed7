import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fsyncDir, Journal, parseJournal, readJournal, type RecordsIo } from '@services/storage';

/**
 * The records journal on its own: what it reads back from a file a power cut, a torn write or a
 * flipped byte left (recovery replays exactly these entries and tells the administrator how many
 * lines were lost), and what is on disk, fsync'd, when an append or a rewrite returns. Lines are
 * written here by hand in the documented format: JSON, a tab, the CRC-32 of the JSON in 8 hex digits.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  dirs.push(dir);
  return dir;
};

const line = (entry: object): string => {
  const json = JSON.stringify(entry);
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
};
const audit = (j: number) => ({ j, k: 'audit', at: '2026-11-27T10:00:00.000Z', actor: 'admin', action: `a${j}` });
const js = (text: string): number[] => parseJournal(text).entries.map((e) => e.j);

describe('reading the journal back', () => {
  it('reads an intact journal whole, with nothing damaged', () => {
    expect(parseJournal(line(audit(1)) + line(audit(2)))).toEqual({ entries: [audit(1), audit(2)], damaged: 0, tornTailOnly: false });
    expect(parseJournal('')).toEqual({ entries: [], damaged: 0, tornTailOnly: false });
  });

  it('skips a last line torn mid-write and says the damage is only that tail', () => {
    const torn = line(audit(3)).slice(0, 25);
    expect(parseJournal(line(audit(1)) + line(audit(2)) + torn)).toEqual({ entries: [audit(1), audit(2)], damaged: 1, tornTailOnly: true });
  });

  it('skips a line with a flipped byte, keeps the lines after it, and does not call that a torn tail', () => {
    const flipped = line(audit(2)).replace('"a2"', '"a7"');
    expect(parseJournal(line(audit(1)) + flipped + line(audit(3)))).toMatchObject({ damaged: 1, tornTailOnly: false });
    expect(js(line(audit(1)) + flipped + line(audit(3)))).toEqual([1, 3]);
    // Damage in the middle and a torn tail: more than a power cut mid-append explains.
    expect(parseJournal(line(audit(1)) + flipped + line(audit(3)).slice(0, 10))).toMatchObject({ damaged: 2, tornTailOnly: false });
  });

  it('counts as damaged a line whose checksum is missing, short, longer, or followed by anything, and one with no journal number', () => {
    const json = JSON.stringify(audit(5));
    const sum = crc32(json).toString(16).padStart(8, '0');
    for (const bad of [`${json}\n`, `${json}\t${sum.slice(1)}\n`, `${json}\t${sum}ff\n`, `${json}\t${sum.toUpperCase()}x\n`, `${json}\t${sum}x\n`, `${json}\t0${sum}\n`, line({ k: 'audit' }), line({ j: '5' })]) {
      expect(parseJournal(line(audit(1)) + bad + line(audit(2))), bad).toMatchObject({ entries: [audit(1), audit(2)], damaged: 1 });
    }
  });

  it('reads a missing journal as empty', () => {
    expect(readJournal(path.join(folder(), 'none.jsonl'))).toEqual({ entries: [], damaged: 0, tornTailOnly: false });
  });
});

/**
 * The production I/O, noting which bytes of each file were fsync'd and which file each name in the
 * folder held when the folder was last synced: what a power cut would keep.
 */
function durableIo(): { io: RecordsIo; durable: Map<string, string>; open: Map<number, string>; named: Map<string, number> } {
  const durable = new Map<string, string>();
  const named = new Map<string, number>();
  const stillOpen = new Map<number, string>();
  const pathOf = new Map<number, string>();
  const pending = new Map<number, string>();
  const open = (file: string, flags: string): number => {
    const fd = openSync(file, flags);
    pathOf.set(fd, file);
    stillOpen.set(fd, file);
    pending.set(fd, flags === 'w' ? '' : readFileSync(file, 'utf8')); // a reopen after a rename sees the renamed file
    return fd;
  };
  return {
    durable,
    open: stillOpen,
    named,
    io: {
      openAppend: (file) => open(file, 'a'),
      openTruncate: (file) => open(file, 'w'),
      append(fd, data) {
        let off = 0;
        while (off < data.length) off += writeSync(fd, data, off);
        pending.set(fd, (pending.get(fd) ?? '') + data.toString('utf8'));
      },
      fsync(fd) {
        fsyncSync(fd);
        durable.set(pathOf.get(fd)!, pending.get(fd)!);
      },
      syncDir(dir) {
        fsyncDir(dir);
        for (const name of readdirSync(dir)) named.set(path.join(dir, name), statSync(path.join(dir, name)).ino);
      },
      close(fd) {
        closeSync(fd);
        stillOpen.delete(fd);
      },
      commit: () => {
        throw new Error('the journal never commits');
      },
    },
  };
}

describe('writing the journal', () => {
  it('has each entry fsync’d when append returns, and a batch fsync’d whole when appendMany returns', () => {
    const file = path.join(folder(), 'records.journal');
    const { io, durable } = durableIo();
    const journal = new Journal(file, io);
    journal.append(audit(1));
    expect(js(durable.get(file) ?? '')).toEqual([1]);
    journal.appendMany([audit(2), audit(3)]);
    expect(js(durable.get(file) ?? '')).toEqual([1, 2, 3]);
    journal.appendMany([]);
    journal.close();
    expect(readFileSync(file, 'utf8')).toBe(line(audit(1)) + line(audit(2)) + line(audit(3)));
    expect(journal.read().entries.map((e) => e.j)).toEqual([1, 2, 3]);
  });

  it('reads back every line it writes, whatever its checksum (one with leading zeros too)', () => {
    const file = path.join(folder(), 'records.journal');
    const entries = Array.from({ length: 40 }, (_, i) => audit(i + 1));
    // The premise: some checksum here is below 0x10000000, so its hex needs a leading zero.
    expect(entries.some((e) => crc32(JSON.stringify(e)) < 0x10000000)).toBe(true);
    const journal = new Journal(file);
    journal.appendMany(entries.slice(0, 20));
    for (const e of entries.slice(20)) journal.append(e);
    journal.close();
    expect(readJournal(file)).toEqual({ entries, damaged: 0, tornTailOnly: false });
  });

  it('appends after what an earlier run left', () => {
    const file = path.join(folder(), 'records.journal');
    writeFileSync(file, line(audit(1)));
    const journal = new Journal(file);
    journal.append(audit(2));
    journal.close();
    expect(js(readFileSync(file, 'utf8'))).toEqual([1, 2]);
  });

  it('a rewrite leaves exactly the kept entries, fsync’d before they replace the journal, and later appends follow them', () => {
    const dir = folder();
    const file = path.join(dir, 'records.journal');
    const { io, durable } = durableIo();
    const journal = new Journal(file, io);
    journal.appendMany([audit(1), audit(2), audit(3)]);
    journal.rewrite([audit(2), audit(3)]);
    // The new journal's bytes were durable before the rename put them in the journal's place.
    expect(js(durable.get(`${file}.tmp`) ?? '')).toEqual([2, 3]);
    journal.append(audit(4));
    journal.close();
    expect(readFileSync(file, 'utf8')).toBe(line(audit(2)) + line(audit(3)) + line(audit(4)));
    expect(js(durable.get(file) ?? '')).toEqual([2, 3, 4]);
  });

  it('keeps one file open at a time, and none once closed (Windows cannot replace a file that is still open)', () => {
    const file = path.join(folder(), 'records.journal');
    const { io, open } = durableIo();
    const journal = new Journal(file, io);
    journal.append(audit(1));
    journal.rewrite([audit(1)]);
    expect([...open.values()]).toEqual([file]);
    journal.rewrite([audit(1)]);
    journal.append(audit(2));
    expect([...open.values()]).toEqual([file]);
    journal.close();
    expect([...open.values()]).toEqual([]);
    expect(js(readFileSync(file, 'utf8'))).toEqual([1, 2]);
  });

  it('has a new journal, and each rewritten one, in the folder for good before it is used (a power cut would otherwise keep no journal, or the old one)', () => {
    const file = path.join(folder(), 'records.journal');
    const { io, named } = durableIo();
    const journal = new Journal(file, io);
    expect(named.get(file), 'the new journal').toBe(statSync(file).ino);
    journal.append(audit(1));
    for (const kept of [[audit(1)], []]) {
      journal.rewrite(kept);
      expect(named.get(file), `after a rewrite to ${kept.length}`).toBe(statSync(file).ino);
    }
    journal.close();
  });

  it('adopting a compacted copy carries over every line appended after the copy was read, as written and fsync’d, before it takes the journal’s place', () => {
    // The daily round reads the journal, writes the kept entries to a copy off main, and adopts it
    // while learners go on committing: a commit acknowledged in between must be in the new journal.
    const file = path.join(folder(), 'records.journal');
    const copy = `${file}.compact`;
    const { io, durable, open, named } = durableIo();
    const journal = new Journal(file, io);
    journal.appendMany([audit(1), audit(2), audit(3)]);
    const readBytes = statSync(file).size;
    const fd = io.openTruncate(copy); // the compacted copy: entries 1 and 2 are in a backup
    io.append(fd, Buffer.from(line(audit(3))));
    io.fsync(fd);
    io.close(fd);
    journal.append(audit(4));
    journal.appendMany([audit(5), audit(6)]);

    journal.adopt(copy, readBytes);
    expect(js(durable.get(copy) ?? ''), 'the carried-over lines were fsync’d before the rename').toEqual([3, 4, 5, 6]);
    expect(named.get(file), 'the adopted journal is in the folder for good').toBe(statSync(file).ino);
    expect(existsSync(copy)).toBe(false);
    journal.append(audit(7));
    expect([...open.values()]).toEqual([file]);
    journal.close();
    expect(readFileSync(file, 'utf8')).toBe([3, 4, 5, 6, 7].map((j) => line(audit(j))).join(''));
  });
});
