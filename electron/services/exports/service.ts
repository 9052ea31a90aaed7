import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Bundle } from '@content/schema';
import type { AppEvent } from '@contract/events';
import type { Settings } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import type { AuditWriter } from './plumbing/audit';
import { FORMAT_INFO, isPackageFormat, type ExportFormat, type RecordFormat } from './formats/info';
import { exportBlocker, type ExportBlocker } from './formats/readiness';
import { exportRecords } from './formats/records-export';
import { buildPackage, packageCourse, packageModules } from './packages/package';
import { findRendererRoot } from './packages/player-files';
import { RecordsExportSource } from './plumbing/source';
import { exportFolder, exportTarget, type ExportTarget } from '../output';
import { writeExportFile } from '../output';
import { pcName, staffBlocks, writeRecordsFile } from '../records-file';

export interface ExportRequest {
  format: ExportFormat;
  /** Packages only: another course (a pupil band); default the staff induction. */
  courseId?: string;
  /** Packages only: one zip per module, into a folder. */
  perModule?: boolean;
}

export interface ExportFile {
  path: string;
  name: string;
  bytes: number;
}

export interface ExportOutcome {
  exportId: string;
  format: ExportFormat;
  files: ExportFile[];
  /** Rows (CSV lines, statements, attempts) for record formats; SCOs for packages. */
  rows: number;
  skipped: Record<string, number>;
  seconds: number;
}

export interface ExportDeps {
  dataDir: string;
  bundle: Bundle;
  appVersion: string;
  settings: () => Settings;
  clock: () => Date;
  emit: (event: AppEvent) => void;
  audit: AuditWriter;
  rendererRoot?: string;
}

/** Where the shell asks the user; null when they cancel. Set by electron/main, absent elsewhere. */
export type DestinationPicker = (suggestion: { fileName: string; folder: boolean; extension: string; label: string }) => Promise<string | null>;

/**
 * Runs every export in main: record formats stream from a read-only snapshot of the records
 * store, packages are built from the built player. One audit entry per export, success or not.
 */
export class ExportService {
  /** Electron's save dialog (electron/main sets it); in the preview it stays null. */
  chooseDestination: DestinationPicker | null = null;
  private running = false;

  constructor(private readonly deps: ExportDeps) {}

  /** One entry in the records store's audit log (certificates use it too). */
  audit(entry: Parameters<AuditWriter>[0]): void {
    this.deps.audit(entry);
  }

  /** Why this format cannot be made yet (missing LMS settings), or null: checked before any dialog or file. */
  blocker(format: ExportFormat): ExportBlocker | null {
    return exportBlocker(format, this.deps.settings(), this.deps.bundle);
  }

  /** Refuses a format that cannot succeed, with what to set and where; never a file that only looks done. */
  refuseIfBlocked(format: ExportFormat): void {
    const blocked = this.blocker(format);
    if (blocked) throw new ServiceError('not-set-up', blocked.message);
  }

  /** The name a file (or, per module, a folder) gets unless the user picks another. */
  suggestedName(req: ExportRequest): string {
    const day = this.deps.clock().toISOString().slice(0, 10);
    if (isPackageFormat(req.format)) {
      const course = packageCourse(this.deps.bundle, req.courseId);
      return req.perModule ? `${course.id}-${req.format}-modules` : `${course.id}-${req.format}.zip`;
    }
    const stem = { csv: 'results', totara: 'totara-completions', xapi: 'xapi-statements', cmi12: 'cmi-scorm12', cmi2004: 'cmi-scorm2004', records: `records-${pcName()}` }[req.format];
    return `${stem}-${day}.${FORMAT_INFO[req.format].extension}`;
  }

  /**
   * Writes the export to `outPath`: a file, or for --per-module a folder. An existing folder given
   * for a single file receives the suggested name inside it.
   */
  async run(req: ExportRequest, outPath: string, actor: string): Promise<ExportOutcome> {
    if (this.running) throw new ServiceError('conflict', 'An export is already running; wait for it to finish.');
    this.refuseIfBlocked(req.format);
    if (!isPackageFormat(req.format) && (req.courseId || req.perModule)) {
      throw new ServiceError('invalid-request', `--course and --per-module apply to scorm12 and scorm2004 packages, not to ${req.format}`);
    }
    this.running = true;
    const exportId = randomUUID();
    const started = performance.now();
    const at = this.deps.clock().toISOString();
    try {
      const result = isPackageFormat(req.format) ? this.packages(req, outPath, exportId) : await this.records(req.format, outPath, exportId);
      const outcome: ExportOutcome = { exportId, format: req.format, ...result, seconds: (performance.now() - started) / 1000 };
      this.deps.audit({
        at,
        actor,
        action: 'export',
        detail: { exportId, format: req.format, courseId: req.courseId ?? null, perModule: req.perModule ?? false, rows: outcome.rows, skipped: outcome.skipped, files: outcome.files.map((f) => ({ name: f.name, bytes: f.bytes })) },
      });
      return outcome;
    } catch (err) {
      this.deps.audit({ at, actor, action: 'export-failed', detail: { exportId, format: req.format, error: (err as Error).message.slice(0, 300) } });
      if (err instanceof ServiceError) throw err;
      throw new ServiceError('internal', `The ${req.format} export failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * The file to write: `outPath`, or the suggested name inside it when it is a folder. Refused
   * when it is in the records (exports/plumbing/target.ts), before anything is written.
   */
  private target(outPath: string, req: ExportRequest): ExportTarget {
    const abs = path.resolve(outPath);
    const isFolder = existsSync(abs) && statSync(abs).isDirectory();
    return exportTarget(isFolder ? path.join(abs, this.suggestedName(req)) : abs, this.deps.dataDir);
  }

  private async records(format: RecordFormat, outPath: string, exportId: string): Promise<Omit<ExportOutcome, 'exportId' | 'format' | 'seconds'>> {
    const target = this.target(outPath, { format });
    if (format === 'records') return this.recordsFile(target, exportId);
    const source = RecordsExportSource.inDataDir(this.deps.dataDir, { withCmi: format === 'xapi' || format === 'cmi12' || format === 'cmi2004' });
    try {
      let last = 0;
      const r = await exportRecords(
        {
          format,
          source,
          bundle: this.deps.bundle,
          settings: this.deps.settings(),
          now: this.deps.clock(),
          progress: (done, total) => {
            const now = performance.now();
            if (done === 0 || done === total || now - last > 150) {
              last = now;
              this.deps.emit({ type: 'export.progress', exportId, done, total });
            }
          },
        },
        target,
      );
      return { files: [{ path: target.path, name: path.basename(target.path), bytes: r.bytes }], rows: r.rows, skipped: r.skipped };
    } finally {
      source.close();
    }
  }

  /** The Trust records file (records-file/): this PC's staff records for the HR PC to merge. */
  private async recordsFile(target: ExportTarget, exportId: string): Promise<Omit<ExportOutcome, 'exportId' | 'format' | 'seconds'>> {
    const settings = this.deps.settings();
    this.deps.emit({ type: 'export.progress', exportId, done: 0, total: 1 });
    const r = await writeRecordsFile(
      target,
      { trustName: settings.trustName, sourcePc: pcName(), exportedAt: this.deps.clock().toISOString(), appVersion: this.deps.appVersion },
      staffBlocks(path.join(this.deps.dataDir, 'records.sqlite')),
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    this.deps.emit({ type: 'export.progress', exportId, done: 1, total: 1 });
    return { files: [{ path: target.path, name: path.basename(target.path), bytes: r.bytes }], rows: r.attempts, skipped: {} };
  }

  private packages(req: ExportRequest, outPath: string, exportId: string): Omit<ExportOutcome, 'exportId' | 'format' | 'seconds'> {
    const version = req.format === 'scorm12' ? 'scorm12' : 'scorm2004';
    const settings = this.deps.settings();
    const rendererRoot = findRendererRoot(this.deps.rendererRoot);
    const course = packageCourse(this.deps.bundle, req.courseId);
    const common = { bundle: this.deps.bundle, version, courseId: course.id, trustName: settings.trustName, policyVersionLabel: settings.policyVersionLabel, rendererRoot } as const;
    const files: ExportFile[] = [];
    const write = (target: ExportTarget, data: Uint8Array): void => {
      writeExportFile(target, data);
      files.push({ path: target.path, name: path.basename(target.path), bytes: data.length });
    };
    if (req.perModule) {
      const folder = exportFolder(outPath, this.deps.dataDir);
      const modules = packageModules(course);
      modules.forEach((m, i) => {
        const p = buildPackage({ ...common, moduleId: m.id });
        write(exportTarget(path.join(folder, p.fileName), this.deps.dataDir), p.zip);
        this.deps.emit({ type: 'export.progress', exportId, done: i + 1, total: modules.length });
      });
      return { files, rows: modules.length, skipped: {} };
    }
    const target = this.target(outPath, req); // refused before the package is built
    write(target, buildPackage(common).zip);
    return { files, rows: packageModules(course).length, skipped: {} };
  }
}
