import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Only 'electron' is mocked: the dialogs, recorded. */
const errors: string[] = [];
let answer: string | undefined;
vi.mock('electron', () => ({
  app: { isPackaged: true },
  BrowserWindow: class {},
  dialog: {
    showSaveDialogSync: () => answer,
    showErrorBox: (_title: string, message: string) => errors.push(message),
  },
}));

const { guardDownloads } = await import('@main/export-hook');

let dataDir: string;
let outDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'downloads-data-'));
  outDir = mkdtempSync(path.join(os.tmpdir(), 'downloads-out-'));
  writeFileSync(path.join(dataDir, 'records.sqlite'), 'SQLite format 3\0');
  errors.length = 0;
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

/** A stand-in session: guardDownloads registers its will-download listener; we fire downloads at it. */
function download(url: string, fileName = 'request.txt') {
  let listener: ((event: { preventDefault(): void }, item: unknown) => void) | null = null;
  const session = { on: (name: string, fn: typeof listener) => name === 'will-download' && (listener = fn) };
  guardDownloads(session as never, { dataDir }, {} as never);
  let cancelled = false;
  let savePath: string | null = null;
  listener!({ preventDefault: () => (cancelled = true) }, { getURL: () => url, getFilename: () => fileName, setSavePath: (p: string) => (savePath = p) });
  return { cancelled, savePath };
}

describe('will-download: only the app’s own save flow', () => {
  it('saves a file the page made where the user picks in main’s dialog', () => {
    answer = path.join(outDir, 'request.txt');
    expect(download('blob:app://app/5b1c-…')).toEqual({ cancelled: false, savePath: answer });
  });

  it('cancels anything fetched from elsewhere without asking', () => {
    answer = path.join(outDir, 'x.exe');
    for (const url of ['https://example.org/x.exe', 'blob:https://example.org/1', 'data:text/plain,hi', 'file:///etc/passwd', 'app://app/index.html']) {
      expect(download(url), url).toEqual({ cancelled: true, savePath: null });
    }
    expect(errors).toEqual([]);
  });

  it('cancels when the user closes the dialog', () => {
    answer = undefined;
    expect(download('blob:app://app/1')).toEqual({ cancelled: true, savePath: null });
  });

  it('refuses the data folder, a link into it and the database itself, and says why', () => {
    symlinkSync(dataDir, path.join(outDir, 'link'));
    for (const picked of [path.join(dataDir, 'records.sqlite'), path.join(outDir, 'link', 'request.txt'), path.join(dataDir, 'request.txt')]) {
      answer = picked;
      expect(download('blob:app://app/1'), picked).toEqual({ cancelled: true, savePath: null });
    }
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toContain("inside the app's data folder");
  });
});
