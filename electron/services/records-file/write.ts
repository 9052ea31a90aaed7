import { createHash } from 'node:crypto';
import { FileSink, type ExportTarget } from '../output';
import { RECORDS_FILE_KIND, RECORDS_FORMAT_VERSION, type LearnerBlock, type RecordsEnd, type RecordsHeader } from './format';

export interface RecordsFileSummary {
  learners: number;
  attempts: number;
  acknowledgements: number;
  bytes: number;
}

/**
 * Writes a Trust records file to a checked `target` (exports/plumbing/target.ts; through a
 * `.partial` file, renamed when complete):
 * header, one line per staff member as `blocks` yields them, then the end line with the counts
 * and the SHA-256 of everything before it.
 */
export async function writeRecordsFile(
  target: ExportTarget,
  header: Omit<RecordsHeader, 'kind' | 'formatVersion'>,
  blocks: Iterable<LearnerBlock>,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<RecordsFileSummary> {
  const sink = new FileSink(target);
  const hash = createHash('sha256');
  const counts = { learners: 0, attempts: 0, acknowledgements: 0 };
  const line = async (value: unknown): Promise<void> => {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    hash.update(bytes);
    await sink.write(bytes);
  };
  try {
    const full: RecordsHeader = { kind: RECORDS_FILE_KIND, formatVersion: RECORDS_FORMAT_VERSION, ...header };
    await line(full);
    for (const block of blocks) {
      await line(block);
      counts.learners++;
      counts.attempts += block.attempts.length;
      counts.acknowledgements += block.acknowledgements.length;
      if (counts.learners % 200 === 0) await pause();
    }
    const end: RecordsEnd = { end: { ...counts, sha256: hash.digest('hex') } };
    await sink.write(`${JSON.stringify(end)}\n`);
    await sink.finish();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  return { ...counts, bytes: sink.bytes };
}
