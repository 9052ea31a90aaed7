import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { parseSetupFile } from '@services/setup/file';

/** A hash of the right form (it unlocks nothing: tests that sign in hash a real password). */
export const validHash = `$scrypt$ln=17,r=8,p=1$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(32, 2).toString('base64')}`;

/** One school's safeguarding contacts, every part filled in. */
export const hayleContacts = {
  school: 'Hayle Academy',
  dsl: { name: 'Jo Penrose', phone: '01736 750000' },
  deputies: [{ name: 'Sam Trevena', phone: '01736 750001' }],
  outOfHours: { how: 'Call the duty safeguarding officer', phone: '07700 900123' },
  lado: { name: 'Cornwall LADO team', phone: '01872 326536' },
};

/** The smallest set-up file main takes: one school, no LMS, no LRS. */
export const baseSetupFile = {
  kind: 'leap-induction-setup',
  formatVersion: 1,
  trustName: 'Leading Edge Academies Partnership',
  schools: ['Mounts Bay Academy'],
  policyVersionLabel: '2026.1',
  adminPasswordHash: validHash,
};

/**
 * Makes temporary folders named `prefix…` and removes them after each test, passed or failed, so a
 * refused set-up never leaves a half-made data folder for the next test to find.
 */
export function tempFolders(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(d);
    return d;
  };
}

/** The message a refused set-up file gets (the test fails if the file is taken). */
export function refusal(text: string, fileName: string): string {
  try {
    parseSetupFile(text, fileName);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected ${fileName} to be refused`);
}
