import path from 'node:path';
import { ServiceError } from '@contract/result';

/**
 * The arguments the app itself (and every headless entry point) reads at start-up. Parsing lives
 * here; what the values mean (data folder, set-up, export) lives in electron/host and the services.
 */

/** `--data DIR` or `--data=DIR`; null when absent. */
export function dataDirArg(argv: readonly string[]): string | null {
  const i = argv.indexOf('--data');
  const fromArg = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
  if (i >= 0 && (!fromArg || fromArg.startsWith('--'))) {
    throw new ServiceError('invalid-request', '--data needs a folder path after it, e.g. --data C:\\ProgramData\\LEAP-Induction');
  }
  return fromArg ?? null;
}

/** `--setup-file PATH` or `--setup-file=PATH`; null when absent. */
export function setupFileArg(argv: readonly string[]): string | null {
  const i = argv.indexOf('--setup-file');
  if (i >= 0) {
    const value = argv[i + 1];
    if (!value || value.startsWith('--')) throw new ServiceError('invalid-request', '--setup-file needs the path of a set-up file after it');
    return path.resolve(value);
  }
  const eq = argv.find((a) => a.startsWith('--setup-file='));
  return eq ? path.resolve(eq.slice('--setup-file='.length)) : null;
}

/** True when the app was started to export rather than to open its window. */
export const wantsAppExport = (argv: readonly string[]): boolean => argv.some((a) => a === '--export' || a.startsWith('--export='));

/** The user's arguments only: Electron's and Chromium's own are not ours to parse. */
export const userArgs = (argv: readonly string[], isPackaged: boolean): string[] => argv.slice(isPackaged ? 1 : 2).filter((a) => !/^--(no-sandbox|inspect|remote-debugging)/.test(a));
