import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { ServiceError } from '../../contract/result';
import { AdminStore } from '../admin';
import { applySetup } from './apply';
import { parseSetupFile, SETUP_FILE_NAME } from './file';

export type ProvisionResult = { applied: false; reason: string } | { applied: true; from: string };

/**
 * At start-up, before the window opens: a PC that is not set up yet takes its settings from
 * `--setup-file` (`explicit`, parsed by electron/cli/args/app.ts) or from induction-setup.json in the
 * data folder. A bad file stops the start with every problem listed, rather than leaving a
 * half-configured PC.
 */
export function provisionAtFirstStart(db: DatabaseSync, dataDir: string, explicit: string | null, now: Date): ProvisionResult {
  if (new AdminStore(db).read()) {
    return { applied: false, reason: explicit ? `already set up; ${explicit} was not applied` : 'already set up' };
  }
  const file = explicit ?? path.join(dataDir, SETUP_FILE_NAME);
  if (!existsSync(file)) {
    if (explicit) throw new ServiceError('invalid-request', `--setup-file ${explicit}: no such file`);
    return { applied: false, reason: 'no set-up file' };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ServiceError('unavailable', `${file}: cannot be read (${(err as Error).message})`);
  }
  const setup = parseSetupFile(text, file);
  applySetup(db, setup, now, `set-up file ${path.basename(file)}`);
  return { applied: true, from: file };
}
