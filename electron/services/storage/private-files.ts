import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data folder holds personal data (names, emails, answers): on POSIX its files are readable by
 * the app's own user only (0600) and its folders enterable by that user only (0700), whatever the
 * umask. Windows has no such modes (the folder's ACL decides there), so nothing is done.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
const posix = (): boolean => process.platform !== 'win32';

/** Narrows an existing file or folder to `mode`; a file system without POSIX modes (FAT) is left as it is. */
export function restrict(target: string, mode: number): void {
  if (!posix()) return;
  try {
    chmodSync(target, mode);
  } catch {
    // no modes here (a FAT stick, say): nothing to narrow
  }
}

/** A folder of the data folder's, made (with any missing parents) or narrowed to 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  restrict(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes `file` as an empty 0600 file unless it exists (then narrows it). SQLite gives a new WAL and
 * shared-memory file the database file's mode, and `VACUUM INTO` accepts an empty file: creating
 * them first is how their modes are chosen.
 */
export function privateFile(file: string): void {
  if (!existsSync(file)) {
    try {
      closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  restrict(file, PRIVATE_FILE_MODE);
}
