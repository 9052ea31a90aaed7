import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalGaps, replayJournal, type ApplyEntry, type StartupEvent } from '@services/storage/recovery';
import type { JournalLine, JournalRead } from '@services/storage/journal';
import { openRawDb } from '@tests/helpers/records-db';

/**
 * The journal replay at start-up and in recovery (storage/recovery.ts), on a real SQLite file: the
 * order changes are applied in, an entry that cannot be applied, the database's journal position,
 * and the count of journal entries lost. The domain's applyEntry is exercised by recovery.test.ts;
 * here a small idempotent one (a note set to a value) makes each outcome visible in the database.
 */
interface Note extends JournalLine {
  k: 'note.set';
  key: string;
  value: string;
  /** Write this, then fail: an entry the domain refuses part-way. */
  failsWith?: string;
}

let dir: string;
let db: DatabaseSync;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'replay-'));
  db = openRawDb(path.join(dir, 'records.sqlite'));
  db.exec(`CREATE TABLE records_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO records_meta VALUES ('journal_seq', '2');
    CREATE TABLE notes (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO notes VALUES ('z', 'from entry 2');`);
});
afterEach(() => {
  if (db.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const apply: ApplyEntry<Note> = (w, e) => {
  const { changes } = w.prepare('INSERT INTO notes VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value').run(e.key, e.value);
  if (e.failsWith) throw new Error(e.failsWith);
  return { applied: changes > 0 };
};
const note = (j: number, key: string, value: string, failsWith?: string): Note => ({ j, k: 'note.set', key, value, ...(failsWith ? { failsWith } : {}) });
const read = (...entries: Note[]): JournalRead<Note> => ({ entries, damaged: 0, tornTailOnly: false });
const notes = (): Record<string, string> => Object.fromEntries((db.prepare('SELECT key, value FROM notes').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
const journalSeq = (): string => (db.prepare("SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string }).value;
const AT = '2026-12-07T04:00:00.000Z';

describe('replaying the journal into the database', () => {
  it('applies the entries after the database’s position in the order they were made, whatever order the journal lists them in, and moves the position to the last', () => {
    const events: StartupEvent[] = [];
    // Entry 2 is in the database already; 3 to 7 each set x, so the last one applied wins.
    const applied = replayJournal(db, read(note(6, 'x', 'six'), note(3, 'x', 'three'), note(2, 'z', 'from entry 2'), note(7, 'x', 'seven'), note(5, 'x', 'five'), note(4, 'y', 'four')), 2, events, AT, apply);
    expect(notes()).toEqual({ x: 'seven', y: 'four', z: 'from entry 2' });
    expect(applied).toBe(5);
    expect(journalSeq()).toBe('7');
    expect(events).toEqual([]);
  });

  it('skips an entry that cannot be applied, undoing what it had written, says which and why, and applies the rest', () => {
    const events: StartupEvent[] = [];
    const applied = replayJournal(db, read(note(3, 'a', 'three'), note(4, 'half', 'written', 'no such learner'), note(5, 'b', 'five')), 2, events, AT, apply);
    expect(notes()).toEqual({ a: 'three', b: 'five', z: 'from entry 2' });
    expect(applied).toBe(2);
    expect(events).toEqual([{ at: AT, level: 'warning', message: 'Journal entry 4 (note.set) could not be applied: no such learner' }]);
    // Past the bad entry too: it is not tried again at every start.
    expect(journalSeq()).toBe('5');
  });

  it('changes nothing when the replay as a whole fails, and says so', () => {
    db.exec('DROP TABLE records_meta'); // the position cannot be written
    expect(() => replayJournal(db, read(note(3, 'a', 'three')), 2, [], AT, apply)).toThrow(/records_meta/);
    expect(db.isTransaction).toBe(false);
    expect(notes()).toEqual({ z: 'from entry 2' });
  });
});

describe('counting the journal entries lost after the database’s position', () => {
  const js = (...ns: number[]): JournalRead<JournalLine> => ({ entries: ns.map((j) => ({ j })), damaged: 0, tornTailOnly: false });

  it('counts a damaged line right after the backup’s position, and every other hole up to the journal’s last entry', () => {
    // The backup holds up to 4; line 5 failed its checksum: change 5 is in neither.
    expect(journalGaps(js(1, 2, 3, 4, 6, 7), 4)).toBe(1);
    expect(journalGaps(js(1, 2, 3, 4, 7, 9), 4)).toBe(3);
  });

  it('does not count holes the backup covers, nor changes before the journal’s first entry (compacted, reported apart)', () => {
    expect(journalGaps(js(1, 3, 4, 5, 6), 4)).toBe(0);
    expect(journalGaps(js(6, 7, 9), 4)).toBe(1);
    expect(journalGaps(js(1, 2, 3), 4)).toBe(0);
  });
});
