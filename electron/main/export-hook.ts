import { app, dialog, BrowserWindow, type Session } from 'electron';
import path from 'node:path';
import type { Services } from '../host/services';
import { runAppExport } from '../host/app-export';
import { userArgs, wantsAppExport } from '../cli/args/app';
import { exportTarget } from '../services/output';

/**
 * The exports' two links to the Electron shell (the exports helper's; the lead calls them):
 * - `headlessExportRequested()` / `runHeadlessExport(services)`: `<app> --export FORMAT --out PATH
 *   --admin-password-file F [--data DIR] [--course ID] [--per-module]` exports without a window
 *   and quits with the exit status (0 done, 1 failed or refused, 2 bad command line).
 * - `wireExportDialogs(services, win)`: the save dialog that exports.run, exports.certificate and
 *   exports.rationale use in the app (the renderer never names a path; PDFs come from the app's
 *   own writer, as in the preview).
 */
export const headlessExportRequested = (): boolean => wantsAppExport(userArgs(process.argv, app.isPackaged));

export async function runHeadlessExport(services: Services): Promise<never> {
  const r = await runAppExport(services, userArgs(process.argv, app.isPackaged));
  if (r.out) process.stdout.write(`${r.out}\n`);
  if (r.err) process.stderr.write(`${r.err}\n`);
  services.close();
  app.exit(r.code);
  return await new Promise<never>(() => {});
}

export function wireExportDialogs(services: Services, win: BrowserWindow): void {
  services.exports.chooseDestination = async ({ fileName, folder, extension, label }) => {
    if (folder) {
      const r = await dialog.showOpenDialog(win, { title: `Choose a folder for ${label}`, properties: ['openDirectory', 'createDirectory'] });
      return r.canceled || !r.filePaths[0] ? null : path.join(r.filePaths[0], fileName);
    }
    const r = await dialog.showSaveDialog(win, { title: `Save ${label}`, defaultPath: fileName, filters: [{ name: label, extensions: [extension] }] });
    return r.canceled || !r.filePath ? null : r.filePath;
  };
}

/** Files the page itself makes (blob: URLs of the app's own origin), never anything fetched. */
const PAGE_FILE = 'blob:app://app/';

/**
 * Where a download the page starts may be saved: only a file the page made (a new-account
 * request saved as text or a web page), only where the user picks in main's own save dialog, and
 * only where every export may write (exports/plumbing/target.ts). Null path: cancel it, with the
 * reason to show when there is one.
 */
export function downloadDestination(
  url: string,
  fileName: string,
  ask: (fileName: string) => string | null,
  dataDir: string,
): { path: string } | { path: null; problem: string | null } {
  if (!url.startsWith(PAGE_FILE)) return { path: null, problem: null };
  const picked = ask(path.basename(fileName) || 'download');
  if (!picked) return { path: null, problem: null };
  try {
    return { path: exportTarget(picked, dataDir).path };
  } catch (err) {
    return { path: null, problem: (err as Error).message };
  }
}

/** `will-download`: every download goes through downloadDestination, or is cancelled. */
export function guardDownloads(ses: Session, services: Pick<Services, 'dataDir'>, win: BrowserWindow): void {
  ses.on('will-download', (event, item) => {
    const ask = (fileName: string): string | null => dialog.showSaveDialogSync(win, { title: 'Save', defaultPath: fileName }) ?? null;
    const where = downloadDestination(item.getURL(), item.getFilename(), ask, services.dataDir);
    if (where.path !== null) {
      item.setSavePath(where.path); // set now, so Chromium asks nothing more
      return;
    }
    event.preventDefault();
    if (where.problem) dialog.showErrorBox('The file was not saved', where.problem);
  });
}
