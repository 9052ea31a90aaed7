import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSmallFile } from '../storage';
import { parseKeyFile } from './target';

export interface Credentials {
  key: string;
  secret: string;
}

/**
 * Encryption by the operating system for this user (Electron's safeStorage in the app: DPAPI on
 * Windows, the Keychain on macOS, the secret store on Linux). The shell provides it; headless
 * runs have none, and use a key file instead.
 */
export interface SecretBox {
  seal(text: string): Buffer;
  open(sealed: Buffer): string;
}

/** Where the app keeps its sealed copy of the LRS key and secret: beside the records, never in a backup. */
export const SEALED_FILE = 'lrs-key.sealed';

/**
 * Where the LRS key and secret come from, first found wins: a key file given for this run
 * (`npm run sync -- --auth-file F`), the app's sealed copy, the key file named in the settings.
 * Errors say which file and what is wrong, never the secret.
 */
export class CredentialStore {
  constructor(
    private readonly o: { dataDir: string; box: SecretBox | null; keyFile: () => string | null; override?: string | null },
  ) {}

  read(): Credentials {
    if (this.o.override) return readKeyFile(this.o.override);
    const sealed = path.join(this.o.dataDir, SEALED_FILE);
    if (this.o.box && existsSync(sealed)) {
      let text: string;
      try {
        text = this.o.box.open(readFileSync(sealed));
      } catch (err) {
        throw new Error(`the LRS key and secret kept by this PC could not be unsealed (${(err as Error).message}); enter them again in the admin area`, { cause: err });
      }
      return parseKeyFile(text, 'the sealed LRS key');
    }
    const file = this.o.keyFile();
    if (file) return readKeyFile(path.resolve(this.o.dataDir, file));
    throw new Error('no LRS key and secret are set on this PC: enter them in the admin area, or give an LRS key file');
  }

  /** The admin area: seal the key and secret for this PC (the app only). */
  seal(c: Credentials): void {
    if (!this.o.box) throw new Error('this run cannot seal secrets (no operating-system encryption); use an LRS key file');
    parseKeyFile(`${c.key}:${c.secret}`, 'the LRS key and secret');
    // A new file renamed over the old: never half a sealed key, and always this user's only.
    const file = path.join(this.o.dataDir, SEALED_FILE);
    writeFileSync(`${file}.tmp`, this.o.box.seal(`${c.key}:${c.secret}`), { mode: 0o600, flag: 'w' });
    renameSync(`${file}.tmp`, file);
  }

  forget(): void {
    rmSync(path.join(this.o.dataDir, SEALED_FILE), { force: true });
  }

  get sealedHere(): boolean {
    return this.o.box !== null && existsSync(path.join(this.o.dataDir, SEALED_FILE));
  }
}

/**
 * The largest LRS key file read: one line of a key and a secret of at most 512 characters each
 * (`Credential`), with room for a line ending or a note below it.
 */
export const KEY_FILE_MAX_BYTES = 4096;

/**
 * The LRS key file's text, read as the set-up file is: a regular file of at most
 * KEY_FILE_MAX_BYTES, never a named pipe or a device (which could hold a send or a start forever).
 */
export function readKeyFileText(file: string, what = `the LRS key file ${file}`): string {
  const text = readSmallFile(file, { maxBytes: KEY_FILE_MAX_BYTES, what, noun: 'an LRS key file', is: 'a text file whose first line is key:secret' });
  if (text === null) throw new Error(`${what}: no such file`);
  return text;
}

function readKeyFile(file: string): Credentials {
  return parseKeyFile(readKeyFileText(file), `the LRS key file ${file}`);
}
