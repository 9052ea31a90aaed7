import { describe, expect, it } from 'vitest';
import { isNetworkPath, prepareDataDir } from '@host/data-dir';
import { networkShareReason, parseNetUse, parseProcMounts } from '@services/storage/network-share';

// Real shapes of each platform's mount table, as the machines print them.
const PROC_MOUNTS = [
  '/dev/sda1 / ext4 rw,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'fileserver:/export/training /mnt/training nfs4 rw,relatime,vers=4.2 0 0',
  '//nas/staff\\040share /mnt/staff\\040share cifs rw,relatime,vers=3.1.1 0 0',
  'me@host:/srv /home/me/remote fuse.sshfs rw,nosuid,nodev 0 0',
  '/dev/sdb1 /mnt/training/local-cache ext4 rw 0 0',
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0',
].join('\n');

const MAC_MOUNT = [
  '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
  '//teacher@nas.school.local/Training on /Volumes/Training (smbfs, nodev, nosuid, mounted by teacher)',
  'fileserver:/export on /Volumes/export (nfs, asynchronous)',
  '/dev/disk5s1 on /Volumes/USB Stick (msdos, local, nodev, nosuid, noowners)',
].join('\n');

const NET_USE = [
  'New connections will be remembered.',
  '',
  'Status       Local     Remote                    Network',
  '-------------------------------------------------------------------------------',
  'OK           H:        \\\\fs01\\home$\\jsmith       Microsoft Windows Network',
  'Unavailable  T:        \\\\fs01\\training            Microsoft Windows Network',
  'The command completed successfully.',
].join('\r\n');

describe('network share detection (pure, over the injected mount table)', () => {
  it('Linux: nfs, cifs and sshfs mounts are refused; local disks, tmpfs and local mounts inside a share are not', () => {
    const at = (dir: string) => networkShareReason(dir, 'linux', { procMounts: PROC_MOUNTS });
    expect(at('/mnt/training/records')).toMatch(/nfs4 network file system \(fileserver:\/export\/training\)/);
    expect(at('/mnt/staff share/app')).toMatch(/cifs/);
    expect(at('/home/me/remote/data')).toMatch(/fuse\.sshfs/);
    expect(at('/mnt/training/local-cache/records')).toBeNull();
    expect(at('/mnt/trainingx')).toBeNull();
    expect(at('/tmp/records')).toBeNull();
    expect(at('/var/lib/induction')).toBeNull();
    expect(parseProcMounts(PROC_MOUNTS).map((m) => m.point)).toContain('/mnt/staff share');
  });

  it('macOS: smbfs and nfs volumes are refused; local volumes are not', () => {
    const at = (dir: string) => networkShareReason(dir, 'darwin', { macMount: MAC_MOUNT });
    expect(at('/Volumes/Training/Induction')).toMatch(/smbfs/);
    expect(at('/Volumes/export/x')).toMatch(/nfs/);
    expect(at('/Volumes/USB Stick/x')).toBeNull();
    expect(at('/Users/teacher/Library/Application Support/Induction')).toBeNull();
  });

  it('Windows: UNC paths and mapped network drives are refused; local drives are not', () => {
    const at = (dir: string) => networkShareReason(dir, 'win32', { netUse: NET_USE });
    expect(at('\\\\fs01\\training\\induction')).toMatch(/UNC network path/);
    expect(at('\\\\?\\UNC\\fs01\\training\\x')).toMatch(/UNC/);
    expect(at('T:\\Induction')).toMatch(/drive T: is mapped to the network share \\\\fs01\\training/);
    expect(at('h:\\records')).toMatch(/drive H:/);
    expect(at('C:\\ProgramData\\LEAP-Induction')).toBeNull();
    expect(parseNetUse(NET_USE).size).toBe(2);
  });

  it('UNC-style paths are refused on every platform, whatever the mount table says', () => {
    expect(isNetworkPath('//fileserver/training', 'linux', {})).toBe(true);
    expect(isNetworkPath('/home/me', 'linux', {})).toBe(false);
  });

  it('prepareDataDir explains the refusal', () => {
    expect(() => prepareDataDir('/mnt/training/induction', 'linux', { procMounts: PROC_MOUNTS })).toThrow(
      /network share \(it is on \/mnt\/training, a nfs4 network file system.*write-ahead log.*Choose a folder on this computer/s,
    );
  });
});
