import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { ServiceError } from '@contract/result';

/** What a path turned out to be, in words for an error message. */
const kindOf = (st: Stats): string =>
  st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a file';

export interface SmallFile {
  /** At most this many bytes are read; a larger file is refused. */
  maxBytes: number;
  /** How the file is named in an error ("the LRS key file /x/key.txt"). */
  what: string;
  /** The kind of file, in an error ("a set-up file"). */
  noun: string;
  /** What that kind of file is, said when something else was named ("a JSON file written by npm run setup"). */
  is: string;
}

/**
 * The text of a small file someone names (a set-up file, a key file, a password file), or null
 * when there is none. Only a regular file of at most `maxBytes` is read: it is opened without
 * waiting (O_NONBLOCK, so a named pipe cannot hold the caller), and what was opened is checked
 * before a byte is read, so a pipe, a device or a folder (or a link to one) is refused, never read.
 */
export function readSmallFile(file: string, o: SmallFile): string | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ServiceError('unavailable', `${o.what}: cannot be read (${(err as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ServiceError('invalid-request', `${o.what}: is ${kindOf(st)}, not a file; ${o.noun} is ${o.is}`);
    const most = o.maxBytes.toLocaleString('en-GB');
    if (st.size > o.maxBytes) throw new ServiceError('invalid-request', `${o.what}: is ${st.size.toLocaleString('en-GB')} bytes; ${o.noun} is at most ${most} bytes`);
    // One more byte than allowed: a file that grew since fstat is still caught.
    const buf = Buffer.alloc(o.maxBytes + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    if (n > o.maxBytes) throw new ServiceError('invalid-request', `${o.what}: is over ${most} bytes; ${o.noun} is at most that`);
    return buf.subarray(0, n).toString('utf8');
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    throw new ServiceError('unavailable', `${o.what}: cannot be read (${(err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}
