import { DataDirBusy } from '../services/storage';

/**
 * The one table of exit codes every command shares (docs/commands.md "Exit codes"): scripts and
 * IT's tools can tell "try again later" from "fix the command" from "look at the message".
 */
export const EXIT = {
  /** It did what was asked. */
  done: 0,
  /** Nothing to do (no records there, nothing to export), or it failed: the message says which. */
  failed: 1,
  /** The command line is wrong: the message and the usage say how. */
  usage: 2,
  /** Not now, try again later: the data folder is in use by another copy of the app or another
   * command (or, for npm run sync, the LRS could not be reached); nothing was changed or lost. */
  busy: 3,
} as const;

/** A problem with the command line: printed with the command's usage, exit EXIT.usage. */
export class UsageError extends Error {}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof DataDirBusy) return EXIT.busy;
  return EXIT.failed;
}

/**
 * Runs a command's main and exits with its code; an error is printed as `npm run NAME: message`
 * (with the usage when the command line was wrong) and mapped through the table above.
 */
export function runCommand(name: string, usage: string, main: () => Promise<number> | number): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        const code = exitCodeOf(err);
        process.stderr.write(`npm run ${name}: ${(err as Error).message}${code === EXIT.usage ? `\n\n${usage}` : ''}\n`);
        process.exit(code);
      },
    );
}
