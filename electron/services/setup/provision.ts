import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '@contract/result';
import { readAdminRow } from '../admin';
import type { RecordsStore } from '../records';
import { applySetup } from './apply';
import { parseSetupFile, SETUP_FILE_MAX_BYTES, SETUP_FILE_NAME } from './file';

export type ProvisionResult = { applied: false; reason: string } | { applied: true; from: string };

/**
 * At start-up, before the window opens: a PC that is not set up yet takes its settings from
 * `--setup-file` (`explicit`, parsed by electron/cli/args/app.ts) or from induction-setup.json in the
 * data folder. A bad file stops the start with every problem listed, rather than leaving a
 * half-configured PC.
 */
export function provisionAtFirstStart(store: RecordsStore, dataDir: string, explicit: string | null, now: Date): ProvisionResult {
  if (readAdminRow(store.reader)) {
    return { applied: false, reason: explicit ? `already set up; ${explicit} was not applied` : 'already set up' };
  }
  const file = explicit ?? path.join(dataDir, SETUP_FILE_NAME);
  const text = readSetupText(file, explicit !== null);
  if (text === null) return { applied: false, reason: 'no set-up file' };
  const setup = parseSetupFile(text, file);
  applySetup(store, setup, now, `set-up file ${path.basename(file)}`);
  return { applied: true, from: file };
}

const kindOf = (st: Stats): string =>
  st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a file';

/**
 * The set-up file's text, or null when there is none (and none was asked for). Only a regular file
 * of at most SETUP_FILE_MAX_BYTES is read: the file is opened without waiting (O_NONBLOCK, so a
 * named pipe cannot hold the start), and what was opened is checked before a byte is read, so a
 * pipe, a device or a folder (or a link to one) is refused and never read.
 */
function readSetupText(file: string, explicit: boolean): string | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (explicit) throw new ServiceError('invalid-request', `--setup-file ${file}: no such file`);
      return null;
    }
    throw new ServiceError('unavailable', `${file}: cannot be read (${(err as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ServiceError('invalid-request', `${file}: is ${kindOf(st)}, not a file; a set-up file is a JSON file written by npm run setup`);
    if (st.size > SETUP_FILE_MAX_BYTES) {
      throw new ServiceError('invalid-request', `${file}: is ${st.size.toLocaleString('en-GB')} bytes; a set-up file is at most ${SETUP_FILE_MAX_BYTES.toLocaleString('en-GB')} bytes`);
    }
    // One more byte than allowed: a file that grew since fstat is still caught.
    const buf = Buffer.alloc(SETUP_FILE_MAX_BYTES + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    if (n > SETUP_FILE_MAX_BYTES) throw new ServiceError('invalid-request', `${file}: is over ${SETUP_FILE_MAX_BYTES.toLocaleString('en-GB')} bytes; a set-up file is at most that`);
    return buf.subarray(0, n).toString('utf8');
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    throw new ServiceError('unavailable', `${file}: cannot be read (${(err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}
