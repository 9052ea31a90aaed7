import path from 'node:path';
import { ServiceError } from '@contract/result';
import { readAdminRow } from '../admin';
import type { RecordsStore } from '../records';
import { readSmallFile } from '../storage';
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

/** The set-up file's text, or null when there is none (and none was asked for). */
function readSetupText(file: string, explicit: boolean): string | null {
  const text = readSmallFile(file, { maxBytes: SETUP_FILE_MAX_BYTES, what: file, noun: 'a set-up file', is: 'a JSON file written by npm run setup' });
  if (text === null && explicit) throw new ServiceError('invalid-request', `--setup-file ${file}: no such file`);
  return text;
}
