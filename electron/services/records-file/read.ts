import { createHash } from 'node:crypto';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { LearnerBlock, MAX_LINE_BYTES, RECORDS_FILE_KIND, RECORDS_FORMAT_VERSION, RecordsEnd, RecordsHeader } from './format';

/** A records file refused; the message is for the administrator (what is wrong, where, what to do). */
export class RecordsFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'not-a-records-file' | 'newer-format' | 'other-trust' | 'damaged' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  /** This PC's Trust: a file from another Trust is refused before anything else is read. */
  trustName: string;
  onHeader?: (header: RecordsHeader) => void | Promise<void>;
  /** Called for each staff member in file order; line is the 1-based line number. */
  onBlock?: (block: LearnerBlock, line: number) => void | Promise<void>;
  /**
   * The file was already read through and checked from end to end, and cannot have changed since
   * (the import's private copy): blocks are handed on as JSON.parse gives them, not validated a
   * second time. The schema has no transforms, so a valid block parses to the same value; zod's
   * copy of every block and its cmi was most of the import's garbage (and so of its peak memory).
   */
  checked?: boolean;
}

const sameTrust = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function problemsOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.map(String).join('.') || '(line)';
      if (i.code === 'unrecognized_keys') return `${where}: ${i.keys.join(', ')} ${i.keys.length === 1 ? 'is' : 'are'} not part of a records file`;
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

/**
 * Reads and checks a Trust records file from start to end: the header (kind, format version,
 * Trust), every line against the format, the counts and the SHA-256 in the end line. Throws a
 * RecordsFileError at the first problem; a caller that applies blocks as they come must undo them
 * when it throws (the checksum is known only at the end).
 */
export async function readRecordsFile(file: string, options: ReadOptions): Promise<{ header: RecordsHeader; end: RecordsEnd['end'] }> {
  const refuse = (reason: RecordsFileError['reason'], message: string): never => {
    throw new RecordsFileError(file, reason, `${file}: ${message}`);
  };
  let real: string;
  try {
    real = realpathSync(file);
  } catch (err) {
    return refuse('unreadable', `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const info = statSync(real);
  if (!info.isFile()) refuse('unreadable', 'is not a file (a folder, device or pipe); give the records file itself');
  if (info.size === 0) refuse('not-a-records-file', 'is empty; it is not a Trust records file');

  const hash = createHash('sha256');
  let header: RecordsHeader | null = null;
  let end: RecordsEnd['end'] | null = null;
  const counts = { learners: 0, attempts: 0, acknowledgements: 0 };
  let lineNo = 0;

  const handle = async (bytes: Buffer): Promise<void> => {
    lineNo++;
    if (end) refuse('damaged', `is damaged: there is more after its closing line (line ${lineNo})`);
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      if (!header) refuse('not-a-records-file', 'is not a Trust records file (its first line is not the records header); export one with npm run export -- --format records');
      refuse('damaged', `is damaged: line ${lineNo} is not complete JSON. Copy the file again from the PC it came from.`);
    }
    if (!header) {
      const h = value as Partial<RecordsHeader> | null;
      if (!h || typeof h !== 'object' || h.kind !== RECORDS_FILE_KIND) {
        refuse('not-a-records-file', 'is not a Trust records file (its first line is not the records header); export one with npm run export -- --format records');
      }
      if (typeof h!.formatVersion === 'number' && h!.formatVersion > RECORDS_FORMAT_VERSION) {
        refuse('newer-format', `was written by a newer version of the app (records format ${h!.formatVersion}); this app reads format ${RECORDS_FORMAT_VERSION}. Update the app on this PC, then import again.`);
      }
      const parsed = RecordsHeader.safeParse(value);
      if (!parsed.success) refuse('damaged', `is damaged: its header (line 1) ${problemsOf(parsed.error)}`);
      header = parsed.data!;
      if (!sameTrust(header.trustName, options.trustName)) {
        refuse('other-trust', `holds records of "${header.trustName}", not of this PC's Trust "${options.trustName}"; nothing was imported.`);
      }
      hash.update(bytes);
      hash.update('\n');
      await options.onHeader?.(header);
      return;
    }
    if (value && typeof value === 'object' && 'end' in value) {
      const parsed = RecordsEnd.safeParse(value);
      if (!parsed.success) refuse('damaged', `is damaged: its closing line (line ${lineNo}) ${problemsOf(parsed.error)}`);
      end = parsed.data!.end;
      if (hash.digest('hex') !== end.sha256) refuse('damaged', 'is damaged: its checksum does not match its contents (the file was changed or corrupted after export). Export it again on the PC it came from.');
      if (end.learners !== counts.learners || end.attempts !== counts.attempts || end.acknowledgements !== counts.acknowledgements) {
        refuse('damaged', `is damaged: its closing line counts ${end.learners} staff and ${end.attempts} attempts, but the file holds ${counts.learners} and ${counts.attempts}`);
      }
      return;
    }
    let block: LearnerBlock;
    if (options.checked) {
      block = value as LearnerBlock;
    } else {
      const parsed = LearnerBlock.safeParse(value);
      if (!parsed.success) refuse('damaged', `is damaged or not from this app: line ${lineNo}: ${problemsOf(parsed.error)}`);
      block = parsed.data!;
    }
    hash.update(bytes);
    hash.update('\n');
    counts.learners++;
    counts.attempts += block.attempts.length;
    counts.acknowledgements += block.acknowledgements.length;
    await options.onBlock?.(block, lineNo);
  };

  const stream = createReadStream(real, { highWaterMark: 1024 * 1024 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
        const piece = chunk.subarray(from, nl);
        const bytes = pending.length ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        from = nl + 1;
        await handle(bytes);
      }
      if (from < chunk.length) {
        pending.push(chunk.subarray(from));
        pendingBytes += chunk.length - from;
        if (pendingBytes > MAX_LINE_BYTES) {
          refuse(header ? 'damaged' : 'not-a-records-file', `${header ? 'is damaged' : 'is not a Trust records file'}: line ${lineNo + 1} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`);
        }
      }
    }
  } finally {
    stream.destroy();
  }
  if (pendingBytes > 0) await handle(Buffer.concat(pending));
  if (!header) refuse('not-a-records-file', 'is not a Trust records file');
  if (!end) refuse('damaged', 'is damaged: it ends before its closing line (the copy was cut short). Copy the file again from the PC it came from.');
  return { header: header!, end: end! };
}
