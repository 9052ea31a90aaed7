import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyse, compileContent, formatDiagnostic, type CheckOptions } from '@content/tools/index';

export const FIXTURES = resolve(__dirname, '../fixtures/content');
export const VALID = join(FIXTURES, 'valid');

/** The fixture is too small for the brief's 36-item bank and covers ks1 only; everything else is real. */
export const FIXTURE_OPTIONS: CheckOptions = { bands: ['ks1'], staffBank: { minItems: 4, minBranching: 1 }, pictures: false };

/** A copy of the valid fixture with one broken case's files laid over it. */
export function brokenRoot(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `content-${name}-`));
  cpSync(VALID, root, { recursive: true });
  cpSync(join(FIXTURES, 'broken', name), root, { recursive: true });
  return root;
}

/** Every problem as `file:line:col message`, files relative to the content root. */
export function problems(root: string, options: CheckOptions = FIXTURE_OPTIONS): string[] {
  return analyse(compileContent(root), options).diagnostics.map((d) => formatDiagnostic(d, root));
}
