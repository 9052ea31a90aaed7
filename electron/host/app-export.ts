import { readFileSync } from 'node:fs';
import { ServiceError } from '../contract/result';
import type { Services } from './services';
import { mkdirSync } from 'node:fs';
import { EXPORT_USAGE, UsageError, outTarget, parseExportArgs } from '../cli/args/export';
import { EXIT } from '../cli/exit-codes';
import { describeOutcome } from '../services/exports';

/**
 * The packaged app's own export: `<app> --export FORMAT --out PATH --admin-password-file F
 * [--data DIR] [--course ID] [--per-module]`. The password is read from a file (never the command
 * line, which other users can see) and checked by the admin service, so wrong passwords count
 * towards the same lockout as the admin screen. Returns the exit status and what to print.
 */
export async function runAppExport(services: Services, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let args;
  try {
    args = parseExportArgs(argv, 'app');
  } catch (err) {
    if (err instanceof UsageError) return { code: EXIT.usage, out: '', err: `${err.message}\n\n${EXPORT_USAGE.replace('npm run export -- --data DIR --format', '<app> [--data DIR] --export').replace(' [--per-module]', ' [--per-module] --admin-password-file F')}` };
    throw err;
  }
  let password: string;
  try {
    password = readFileSync(args.passwordFile ?? '', 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    return { code: EXIT.usage, out: '', err: `Cannot read the admin password file: ${(err as Error).message}` };
  }
  try {
    await services.admin.unlock(password);
    const out = outTarget(args.out);
    if (out.folder) mkdirSync(out.path, { recursive: true });
    const outcome = await services.exports.run(args.request, out.path, 'app-cli');
    return { code: EXIT.done, out: describeOutcome(outcome), err: '' };
  } catch (err) {
    const message = err instanceof ServiceError ? err.message : `The export failed: ${(err as Error).message}`;
    return { code: EXIT.failed, out: '', err: message };
  } finally {
    services.admin.lock();
  }
}
