import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Is a folder on a network share? SQLite's write-ahead log needs shared memory and reliable
 * locks, which network file systems do not give, so the records must live on a local disk.
 * The decision is a pure function of the path and the machine's mount table, which the caller
 * reads (`readMountInfo`) and tests inject.
 */
export interface MountInfo {
  /** Linux: the text of /proc/mounts. */
  procMounts?: string;
  /** macOS: the output of `mount`. */
  macMount?: string;
  /** Windows: the output of `net use` (mapped network drives). */
  netUse?: string;
}

const NETWORK_FS = /^(nfs\d?|cifs|smb\d?|smbfs|ncpfs|afs|afpfs|webdav|ceph|glusterfs|lustre|9p|davfs|sshfs|fuse\.(sshfs|davfs2?|s3fs|rclone|glusterfs|cephfs)|osxfuse|macfuse)$/i;

interface Mount {
  point: string;
  type: string;
  source: string;
}

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
const unescapeMount = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

export function parseProcMounts(text: string): Mount[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([source = '', point = '', type = '']) => ({ source: unescapeMount(source), point: unescapeMount(point), type }));
}

/** `//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by me)` */
export function parseMacMount(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.+?) on (.+) \(([^,)]+)/.exec(line.trim());
    if (m) out.push({ source: m[1] ?? '', point: m[2] ?? '', type: (m[3] ?? '').trim() });
  }
  return out;
}

/** `OK           Z:        \\server\share     Microsoft Windows Network` → { Z: \\server\share } */
export function parseNetUse(text: string): Map<string, string> {
  const drives = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /(?:^|\s)([A-Za-z]):\s+(\\\\[^\s]+)/.exec(line);
    if (m?.[1] && m[2]) drives.set(m[1].toUpperCase(), m[2]);
  }
  return drives;
}

function under(dir: string, point: string): boolean {
  if (point === '/') return dir.startsWith('/');
  return dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`);
}

/** The reason a folder is on a network share, or null when it is local (as far as can be told). */
export function networkShareReason(dir: string, platform: NodeJS.Platform, mounts: MountInfo = {}): string | null {
  const unc = /^(\\\\|\/\/)(\?\\UNC\\)?[^\\/]+[\\/][^\\/]+/.exec(dir);
  if (unc) return `it is a UNC network path (${dir.split(/[\\/]/).filter(Boolean).slice(0, 2).join('\\')})`;
  if (platform === 'win32') {
    const drive = /^([A-Za-z]):/.exec(dir)?.[1]?.toUpperCase();
    const target = drive ? parseNetUse(mounts.netUse ?? '').get(drive) : undefined;
    return drive && target ? `drive ${drive}: is mapped to the network share ${target}` : null;
  }
  const table = platform === 'darwin' ? parseMacMount(mounts.macMount ?? '') : parseProcMounts(mounts.procMounts ?? '');
  // The longest mount point containing the folder is the file system it lives on.
  const mount = table.filter((m) => under(dir, m.point)).sort((a, b) => b.point.length - a.point.length)[0];
  if (mount && (NETWORK_FS.test(mount.type) || /^fuse\.sshfs$/.test(mount.type))) {
    return `it is on ${mount.point}, a ${mount.type} network file system (${mount.source})`;
  }
  return null;
}

/** Reads this machine's mount table; an empty answer (not a failure) when it cannot. */
export function readMountInfo(platform: NodeJS.Platform = process.platform): MountInfo {
  try {
    if (platform === 'linux') return { procMounts: readFileSync('/proc/mounts', 'utf8') };
    if (platform === 'darwin') return { macMount: execFileSync('mount', { encoding: 'utf8', timeout: 3000 }) };
    if (platform === 'win32') return { netUse: execFileSync('net', ['use'], { encoding: 'utf8', timeout: 5000, windowsHide: true }) };
  } catch {
    // No mount table (a sandbox, a locked-down PC): judge by the path alone.
  }
  return {};
}

/** The folder as the file system sees it: symlinks resolved on the nearest part that exists. */
export function realFolder(dir: string): string {
  let probe = dir;
  const rest: string[] = [];
  while (!existsSync(probe)) {
    const parent = path.dirname(probe);
    if (parent === probe) return dir;
    rest.unshift(path.basename(probe));
    probe = parent;
  }
  try {
    return path.join(realpathSync.native(probe), ...rest);
  } catch {
    return dir;
  }
}
