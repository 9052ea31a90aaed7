import { open, readFile, rm } from 'node:fs/promises';
import { listBackups } from './backup';
import { encodeJournalLine, parseJournalLine, type JournalLine } from './journal';
import type { ScrubEntries } from './maintenance';
import type { OpenedRecords } from './recovery';

/** Journal lines parsed or encoded per turn of the event loop: a batch is a few ms of main's time. */
const BATCH = 400;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const noScrub: ScrubEntries = (entries) => ({ entries, scrubbed: 0 });

/**
 * compactJournal (maintenance.ts) as the app's daily round runs it, without holding main (issue 19
 * item 4: a week of journal is megabytes, and its fsync alone took main 100 ms): the file is read,
 * and the new one written and fsync'd, on libuv's threads; parsing and encoding go in batches with
 * the event loop free between them; then the journal adopts the copy in one short step, with the
 * lines appended meanwhile copied over as written. If the journal was replaced meanwhile (an
 * erasure rewrites it; closing counts too) the copy is thrown away: it would bring back what the
 * erasure removed. The next round compacts instead. Returns the entries dropped.
 */
export async function compactJournalInSteps(opened: OpenedRecords, scrub: ScrubEntries = noScrub): Promise<number> {
  const journal = opened.journal;
  const generation = journal.generation;
  const oldest = listBackups(opened.files.backups)[0] ?? { journalSeq: 0 };
  const bytes = await readFile(journal.file);
  // Whole lines only: anything after the last newline is copied over as written when adopted.
  const readBytes = bytes.lastIndexOf(0x0a) + 1;
  const lines = bytes.subarray(0, readBytes).toString('utf8').split('\n');
  lines.pop();
  const entries: JournalLine[] = [];
  let damaged = 0;
  for (let i = 0; i < lines.length; i += BATCH) {
    await turn();
    for (const line of lines.slice(i, i + BATCH)) {
      const entry = parseJournalLine(line);
      if (entry) entries.push(entry);
      else damaged++;
    }
  }
  const { entries: keep, scrubbed } = scrub(entries.filter((e) => e.j > oldest.journalSeq));
  const dropped = entries.length - keep.length;
  if (dropped === 0 && scrubbed === 0 && damaged === 0) return 0;
  const parts: string[] = [];
  for (let i = 0; i < keep.length; i += BATCH) {
    await turn();
    parts.push(keep.slice(i, i + BATCH).map(encodeJournalLine).join(''));
  }
  const tmp = `${journal.file}.compact`;
  const file = await open(tmp, 'w');
  try {
    await file.writeFile(parts.join(''));
    await file.sync();
  } finally {
    await file.close();
  }
  if (journal.generation !== generation) {
    await rm(tmp, { force: true });
    return 0;
  }
  try {
    journal.adopt(tmp, readBytes);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return dropped;
}
