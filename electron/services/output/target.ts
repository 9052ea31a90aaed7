import { constants, lstatSync, mkdirSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '@contract/result';
import { recordFiles } from '../storage';

/**
 * Where an export, a document or a CLI may write a file: checked once before anything is written
 * and again just before the finished file is moved into place (exports/plumbing/write.ts), so no
 * export, CLI or save dialog can ever write over the records (database, journal, lock, backups).
 */
export interface ExportTarget {
  /** The file to create or replace: its folder's real path (links resolved) and its own name. */
  readonly path: string;
  /** The real folder it goes in, and that folder's identity (device + inode) when it was checked. */
  readonly folder: string;
  readonly folderId: FileId;
  /** The path as asked, to check that it still leads to the same folder when the file is moved in. */
  readonly requested: string;
}

interface FileId {
  dev: bigint;
  ino: bigint;
}

const refuse = (message: string): never => {
  throw new ServiceError('invalid-request', message);
};

const idOf = (s: BigIntStats): FileId => ({ dev: s.dev, ino: s.ino });
const sameFile = (a: FileId, b: FileId): boolean => a.dev === b.dev && a.ino === b.ino;
const files = recordFiles('');
/** A folder holding any of these is a data folder (this PC's or another's). */
const RECORDS_MARKERS = [files.database, files.journal, files.lock].map((f) => path.basename(f));

function statOrNull(p: string, follow: boolean): BigIntStats | null {
  try {
    return follow ? statSync(p, { bigint: true }) : lstatSync(p, { bigint: true });
  } catch {
    return null;
  }
}

/**
 * Refuses a folder that is, or is inside, the open data folder (compared by device and inode on
 * every ancestor, so links, `..`, case variations and other names of it all count), or inside any
 * folder holding a records database (another data folder, say one the demo made).
 */
export function refuseRecordsFolder(realFolder: string, dataDir: string | null): void {
  const data = dataDir ? statOrNull(dataDir, true) : null;
  const dataReal = dataDir ? safeRealpath(dataDir) : null;
  for (let dir = realFolder; ; dir = path.dirname(dir)) {
    const here = statOrNull(dir, true);
    const isData = (data && here && sameFile(idOf(here), idOf(data))) || (dataReal !== null && samePath(dir, dataReal));
    if (isData) refuse(`${realFolder} is inside the app's data folder (${dataDir}). Exports are never written there, so they can never touch the records; choose another folder.`);
    const marker = RECORDS_MARKERS.find((m) => statOrNull(path.join(dir, m), false) !== null);
    if (marker) refuse(`${realFolder} is inside a training-records data folder (${dir} holds ${marker}); choose another folder.`);
    if (path.dirname(dir) === dir) return;
  }
}

/** Case-insensitive where the platform's file names are. */
const samePath = (a: string, b: string): boolean =>
  process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;

function safeRealpath(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch {
    return null;
  }
}

/**
 * Checks a file to write: its folder exists and is not in the records; the name is a plain file
 * name; anything already there is an ordinary file with no other names (no link, no folder, no
 * FIFO or device, no hard link), so replacing it can only ever replace that one file.
 */
export function exportTarget(requested: string, dataDir: string | null): ExportTarget {
  const abs = path.resolve(requested);
  const name = path.basename(abs);
  if (!name || name === '.' || name === '..' || abs === path.parse(abs).root) refuse(`${requested} is not a file name`);
  const folder = safeRealpath(path.dirname(abs));
  if (folder === null) refuse(`The folder ${path.dirname(abs)} does not exist`);
  const folderStat = statOrNull(folder!, true);
  if (!folderStat?.isDirectory()) refuse(`${path.dirname(abs)} is not a folder`);
  refuseRecordsFolder(folder!, dataDir);
  const file = path.join(folder!, name);
  refuseExisting(file, requested);
  return { path: file, folder: folder!, folderId: idOf(folderStat!), requested: abs };
}

function refuseExisting(file: string, requested: string): void {
  const there = statOrNull(file, false);
  if (!there) return;
  if (there.isSymbolicLink()) refuse(`${requested} is a link to another file; choose a new file name.`);
  if (there.isDirectory()) refuse(`${requested} is a folder, not a file.`);
  if (!there.isFile()) refuse(`${requested} is not an ordinary file (a device, pipe or socket); choose a new file name.`);
  if (there.nlink > 1n) refuse(`${requested} has other names on this computer (hard links); replacing it could change another file, so choose a new file name.`);
}

/**
 * The same checks, run just before the finished file replaces the target: the path still leads
 * to the folder that was checked (nobody swapped a folder for a link meanwhile) and what is at the
 * name is still safe to replace.
 */
export function recheckTarget(target: ExportTarget): void {
  const now = safeRealpath(path.dirname(target.requested));
  const stat = now === null ? null : statOrNull(now, true);
  if (now !== target.folder || !stat || !sameFile(idOf(stat), target.folderId)) {
    refuse(`The folder ${path.dirname(target.requested)} changed while the file was being written; nothing was saved.`);
  }
  refuseExisting(target.path, target.requested);
}

/**
 * A folder for several files (one package per module): created if missing, then checked like a
 * file's folder. Returns its real path; each file in it is then checked with `exportTarget`.
 */
export function exportFolder(requested: string, dataDir: string | null): string {
  const abs = path.resolve(requested);
  // Check the nearest folder that exists before creating anything below it.
  let existing = abs;
  while (!statOrNull(existing, true)) existing = path.dirname(existing);
  const real = safeRealpath(existing);
  if (real === null || !statOrNull(real, true)?.isDirectory()) refuse(`${existing} is not a folder`);
  refuseRecordsFolder(real!, dataDir);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  const made = safeRealpath(abs);
  if (made === null || !statOrNull(made, true)?.isDirectory()) refuse(`${requested} is not a folder`);
  refuseRecordsFolder(made!, dataDir);
  return made!;
}

/** Flags for the `.partial` file: created new, never opened through a link (O_NOFOLLOW where the OS has it). */
export const PARTIAL_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
