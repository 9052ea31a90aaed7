import { mkdirSync, accessSync, constants } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../contract/result';
import { dataDirArg } from '../cli/args/app';
import { networkShareReason, readMountInfo, realFolder, type MountInfo } from '../services/storage';

export const DATA_DIR_ENV = 'INDUCTION_DATA_DIR';

/** `--data DIR` wins over INDUCTION_DATA_DIR, which wins over the platform default. */
export function chooseDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const chosen = dataDirArg(argv) ?? env[DATA_DIR_ENV] ?? fallback;
  return path.resolve(chosen);
}

/**
 * SQLite's write-ahead log needs shared memory between processes on one machine; network file
 * systems do not provide it, and a database there can be corrupted silently. Refuse them: UNC
 * paths, mapped network drives (Windows), and nfs/cifs/smb/sshfs mounts (Linux, macOS). The
 * decision is records/network-share.ts `networkShareReason`, a pure function of the mount table.
 */
export function isNetworkPath(dir: string, platform: NodeJS.Platform = process.platform, mounts: MountInfo = readMountInfo(platform)): boolean {
  return networkShareReason(dir, platform, mounts) !== null;
}

export function prepareDataDir(dir: string, platform: NodeJS.Platform = process.platform, mounts: MountInfo = readMountInfo(platform)): string {
  const reason = networkShareReason(dir, platform, mounts) ?? networkShareReason(realFolder(dir), platform, mounts);
  if (reason) {
    throw new ServiceError(
      'unavailable',
      `The data folder ${dir} is on a network share (${reason}). The records database uses SQLite's write-ahead log, ` +
        'which is not safe on network file systems. Choose a folder on this computer (for example C:\\ProgramData\\LEAP-Induction).',
    );
  }
  try {
    // 0700 on POSIX: the records are personal data (storage/private-files.ts).
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new ServiceError('unavailable', `The data folder ${dir} cannot be created or written: ${(err as Error).message}`);
  }
  return dir;
}
