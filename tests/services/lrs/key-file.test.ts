import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSetupCli } from '@cli/setup';
import { CredentialStore } from '@services/lrs';

/**
 * The LRS key file and the administrator password file are named by whoever runs the app or
 * `npm run setup`: like the set-up file, only a small regular file is read. A named pipe would
 * hold the send (or the set-up) for ever waiting for a writer; a device or a huge file would fill
 * memory. Each refusal names the file and says what it should be.
 */
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'induction-key-file-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fifoIn(dir: string): string {
  const fifo = path.join(dir, 'key.fifo');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  return fifo;
}

const readingKeyFile = (dir: string, keyFile: string): (() => unknown) => {
  const store = new CredentialStore({ dataDir: dir, box: null, keyFile: () => keyFile });
  return () => store.read();
};

describe('the LRS key file', () => {
  it('is read when it is a small text file', () => {
    const dir = tmp();
    const keyFile = path.join(dir, 'lrs.key');
    writeFileSync(keyFile, 'pc-key:pc-secret\n');
    expect(readingKeyFile(dir, keyFile)()).toEqual({ key: 'pc-key', secret: 'pc-secret' });
  });

  it('refuses a named pipe, a link to one, a device and a folder without reading them', () => {
    const dir = tmp();
    const fifo = fifoIn(dir);
    const link = path.join(dir, 'link.key');
    symlinkSync(fifo, link);
    expect(readingKeyFile(dir, fifo)).toThrow(`the LRS key file ${fifo}: is a named pipe, not a file; an LRS key file is a text file whose first line is key:secret`);
    expect(readingKeyFile(dir, link)).toThrow(`the LRS key file ${link}: is a named pipe, not a file`);
    expect(readingKeyFile(dir, '/dev/zero')).toThrow('the LRS key file /dev/zero: is a device, not a file');
    expect(readingKeyFile(dir, dir)).toThrow(`the LRS key file ${dir}: is a folder, not a file`);
  });

  it('refuses a file over 4 KB, and says a missing one is not there', () => {
    const dir = tmp();
    const big = path.join(dir, 'big.key');
    writeFileSync(big, `pc-key:pc-secret\n${'#'.repeat(5000)}\n`);
    expect(readingKeyFile(dir, big)).toThrow(`the LRS key file ${big}: is 5,018 bytes; an LRS key file is at most 4,096 bytes`);
    const missing = path.join(dir, 'none.key');
    expect(readingKeyFile(dir, missing)).toThrow(`the LRS key file ${missing}: no such file`);
  });

  it('given to npm run setup, is refused the same way, before anything is set up', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'pw.txt'), 'correct horse battery staple\n');
    const fifo = fifoIn(dir);
    const setup = (args: string[]) => runSetupCli(['--write-setup-file', path.join(dir, 'o.json'), '--trust', 'T', '--schools', 'A', ...args], () => {});
    await expect(setup(['--admin-password-file', path.join(dir, 'pw.txt'), '--lrs-endpoint', 'https://lrs.example/xapi/', '--lrs-auth-file', fifo])).rejects.toThrow(
      `--lrs-auth-file ${fifo}: is a named pipe, not a file`,
    );
    await expect(setup(['--admin-password-file', fifo])).rejects.toThrow(`--admin-password-file ${fifo}: is a named pipe, not a file; a password file is a text file with the password on its first line`);
    await expect(setup(['--admin-password-file', '/dev/zero'])).rejects.toThrow('--admin-password-file /dev/zero: is a device, not a file');
    expect(spawnSync('test', ['-e', path.join(dir, 'o.json')]).status).not.toBe(0);
  });
});
