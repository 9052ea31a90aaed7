import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '@contract/result';
import type { RecordsStore } from '../records';
import { importRecordsFile, type FileImportReport } from './import';
import { RecordsFileError } from './read';

/** Main's own open dialog (the app): the files the administrator picked, or null when they cancelled. */
export type RecordsFilePicker = () => Promise<string[] | null>;

/** One file's outcome as the admin area shows it: what was added, what was already held, conflicts, or why it was refused. */
export interface FileOutcome {
  fileName: string;
  problem: string | null;
  report: Omit<FileImportReport, 'file'> | null;
}

/** How many conflicts one file's outcome lists (the rest are counted; the command line lists all). */
export const CONFLICTS_SHOWN = 500;

/**
 * Importing Trust records files from the admin area's Exports tab. In the app the files come from
 * main's own open dialog (no path crosses from the window); in the preview, as uploads. One import
 * at a time: a second asked for meanwhile is refused in plain words, not run beside the first.
 * Each file is imported on its own (records-file/import.ts): a refused file changes nothing and
 * does not stop the others.
 */
export class RecordsFileImports {
  /** Set by electron/main: main's open dialog. Null in the preview and the tests (uploads instead). */
  chooseFiles: RecordsFilePicker | null = null;
  private busy = false;

  constructor(private readonly o: { store: RecordsStore; dataDir: string; trustName: () => string }) {}

  /** The app: the administrator picks files in main's dialog. */
  async importPicked(): Promise<{ cancelled: boolean; files: FileOutcome[] }> {
    if (!this.chooseFiles) throw new ServiceError('invalid-request', 'uploads: choose the records files to import (this window has no file dialog of its own)');
    return this.exclusive(async () => {
      const picked = await this.chooseFiles!();
      if (!picked || picked.length === 0) return { cancelled: true, files: [] };
      const files: FileOutcome[] = [];
      for (const file of picked) files.push(await this.one(file, path.basename(file)));
      return { cancelled: false, files };
    });
  }

  /** The preview: files uploaded by the page, written to the data folder for the import and removed after. */
  async importUploads(uploads: readonly { fileName: string; bytes: Buffer }[]): Promise<{ cancelled: boolean; files: FileOutcome[] }> {
    return this.exclusive(async () => {
      const files: FileOutcome[] = [];
      for (const u of uploads) {
        const temp = path.join(this.o.dataDir, `.upload-${randomUUID()}.records`);
        try {
          writeFileSync(temp, u.bytes, { mode: 0o600 });
          files.push(await this.one(temp, u.fileName));
        } finally {
          rmSync(temp, { force: true });
        }
      }
      return { cancelled: false, files };
    });
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new ServiceError('conflict', 'An import is already running: wait for it to finish, then import again (files already imported add nothing twice).');
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }

  private async one(file: string, fileName: string): Promise<FileOutcome> {
    try {
      const { file: _file, ...report } = await importRecordsFile(this.o.store, file, { trustName: this.o.trustName(), dataDir: this.o.dataDir });
      this.o.store.audit('admin', 'records.import', {
        fileName,
        sourcePc: report.sourcePc,
        attemptsAdded: report.attemptsAdded,
        learnersAdded: report.learnersAdded,
        conflicts: report.conflicts.length,
      });
      return { fileName, problem: null, report };
    } catch (err) {
      if (!(err instanceof RecordsFileError)) throw err;
      // The reader names the file it read: show the name the administrator knows.
      return { fileName, problem: err.message.split(file).join(fileName), report: null };
    }
  }
}
