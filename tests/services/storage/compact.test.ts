import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compactJournalInSteps, readJournal, takeBackup } from '@services/storage';
import { harness, removeDir, type Harness } from '../records/helpers';
import { openedRecordsOf } from '@tests/helpers/records-db';

/**
 * The daily round's compaction runs in steps while main goes on writing (issue 19 item 4). What a
 * learner or administrator would notice if it went wrong: a record acknowledged during the
 * compaction missing from the journal (lost with the database), or an erased person's entries
 * brought back by a copy made before the erasure.
 */
const dirs: string[] = [];
let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
  dirs.splice(0).forEach(removeDir);
});

const signIn = (x: Harness, name: string) =>
  x.call('learners.signIn', { name, workEmail: `${name.toLowerCase().replace(' ', '.')}@example.sch.uk`, school: 'Example Academy', role: 'teaching', pin: '246802' });

type Line = { j: number; k: string; learnerId?: string; name?: string };
const journalOf = (x: Harness): Line[] => readJournal<Line>(x.services.records.files.journal).entries;

describe('compacting the journal in steps', () => {
  it('drops what the oldest backup holds and keeps every entry written while it ran', async () => {
    h = harness();
    dirs.push(h.dataDir);
    const records = h.services.records;
    for (let i = 0; i < 5; i++) await signIn(h, `Before Backup${i}`);
    const backup = takeBackup(openedRecordsOf(records).db, records.files.backups, h.now.value, 'daily');
    for (let i = 0; i < 3; i++) await signIn(h, `After Backup${i}`);
    const lastBefore = journalOf(h).at(-1)?.j ?? 0;
    const heldByBackup = journalOf(h).filter((e) => e.j <= backup.journalSeq).length;
    expect(heldByBackup).toBeGreaterThan(0);

    const compaction = compactJournalInSteps(openedRecordsOf(records));
    let settled = false;
    void compaction.then(() => (settled = true));
    const during: string[] = [];
    // A member of staff signs in at every turn of the event loop until the compaction is done.
    while (!settled) {
      during.push((await signIn(h, `During Compaction${during.length}`)).learnerId);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const dropped = await compaction;

    const lines = journalOf(h);
    expect(dropped, 'the entries up to the backup are gone').toBe(heldByBackup);
    expect(lines.every((e) => e.j > backup.journalSeq), 'nothing the backup holds is kept').toBe(true);
    expect(lines.filter((e) => e.j <= lastBefore).length, 'everything after the backup is kept').toBe(lastBefore - backup.journalSeq);
    expect(during.length).toBeGreaterThan(0);
    for (const id of during) expect(lines.some((e) => e.learnerId === id), `the sign-in of ${id} during the compaction`).toBe(true);
    // Strictly increasing, no gap after the backup: the journal replays in order.
    expect(lines.map((e) => e.j)).toEqual(lines.map((_, i) => backup.journalSeq + 1 + i));
    expect(existsSync(`${records.files.journal}.compact`), 'no temporary file left').toBe(false);
    // Still the live journal: the next write lands in it.
    const next = await signIn(h, 'After Compaction');
    expect(journalOf(h).some((e) => e.learnerId === next.learnerId)).toBe(true);
  });

  it('gives up when an erasure rewrote the journal meanwhile, so the erased person does not come back', async () => {
    h = harness();
    dirs.push(h.dataDir);
    const records = h.services.records;
    for (let i = 0; i < 3; i++) await signIn(h, `Before Backup${i}`);
    takeBackup(openedRecordsOf(records).db, records.files.backups, h.now.value, 'daily');
    const leaving = await signIn(h, 'Leaving Soon');
    await signIn(h, 'Staying On');
    const theirs = (lines: Line[]): Line[] => lines.filter((e) => e.learnerId === leaving.learnerId && e.k !== 'erase');
    expect(theirs(journalOf(h)).length, 'their sign-in is in the journal').toBeGreaterThan(0);

    const compaction = compactJournalInSteps(openedRecordsOf(records));
    await new Promise((resolve) => setImmediate(resolve));
    records.erase(leaving.learnerId, 'admin');
    expect(await compaction, 'nothing dropped: the copy was thrown away').toBe(0);

    const lines = journalOf(h);
    expect(theirs(lines), 'nothing of the erased person is in the journal').toEqual([]);
    expect(existsSync(`${records.files.journal}.compact`), 'no temporary file left').toBe(false);
  });
});
